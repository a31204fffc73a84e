import { app, BrowserWindow, screen } from 'electron';
import { join } from 'node:path';
import { APP_ORIGIN } from './origin';
import { secureWebPreferences } from './web-preferences';
import { fitToDisplays, readWindowState, writeWindowState } from './window-state';

export function createMainWindow(devServerUrl: string | undefined): BrowserWindow {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = fitToDisplays(readWindowState(stateFile), screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title: 'Kluis',
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.js')),
  });
  // Every view of Kluis shows faces (posters, players, received clips): screen capture and
  // recording software get a black window (U6: viewers must not record or screenshot).
  win.setContentProtection(true);
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const b = win.getNormalBounds();
    writeWindowState(stateFile, { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
  });
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return win;
}
