import { app, Menu } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KluisService, useSqliteBinding } from '../core/api';
import { startAutoLock } from './auto-lock';
import { denyAllPermissions, hardenApp } from './hardening';
import { bindFolderPicker, bindIpc, forwardEvents } from './ipc';
import { registerAppScheme, serveMedia, serveRenderer } from './protocol';
import { menuLang } from './menu-labels';
import { menuTemplate } from './menu-template';
import { createMainWindow } from './window';

// electron-vite sets this in `npm start` only; a packaged app always loads from its own scheme.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];

/** The SQLite module built for Electron's ABI, kept apart from the one Node's tests use (DESIGN.md). */
function electronSqliteBinding(): string | undefined {
  const candidate = process.env['KLUIS_SQLITE_BINDING'] ?? join(app.getAppPath(), 'native', 'electron', 'better_sqlite3.node');
  return existsSync(candidate) ? candidate : undefined;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  hardenApp(devServerUrl);
  useSqliteBinding(electronSqliteBinding());
  const service = new KluisService({ vaultDir: join(app.getPath('userData'), 'vault') });

  void app.whenReady().then(() => {
    denyAllPermissions();
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(menuLang(app.getLocale()), () => void service.lock('user'))));
    serveRenderer(join(__dirname, '../renderer'));
    serveMedia(service);
    bindIpc(service, devServerUrl);
    const win = createMainWindow(devServerUrl);
    forwardEvents(service, win);
    bindFolderPicker(win, devServerUrl);
    startAutoLock(service);
    service.watchVolumes();
    app.on('second-instance', () => {
      if (win.isMinimized()) win.restore();
      win.focus();
    });
  });

  app.on('before-quit', () => void service.lock('quit'));
  app.on('window-all-closed', () => app.quit());
}
