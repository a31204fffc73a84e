import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN } from './origin';
import { secureWebPreferences } from './web-preferences';

export function createMainWindow(devServerUrl: string | undefined): BrowserWindow {
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'Kluis',
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.js')),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return win;
}
