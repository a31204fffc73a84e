import type { MenuItemConstructorOptions } from 'electron';
import { MENU_LABELS, type MenuLang } from './menu-labels';

/**
 * The application menu as data (no Electron import at run time, so it is tested without
 * Electron). No reload and no developer tools: reloading would drop a player mid-review, and
 * devtools in a packaged app would show decrypted content.
 */
export function menuTemplate(lang: MenuLang, onLock: () => void): MenuItemConstructorOptions[] {
  const l = MENU_LABELS[lang];
  return [
    {
      label: l.app,
      submenu: [
        { label: l.about, role: 'about' },
        { type: 'separator' },
        { label: l.lock, accelerator: 'CmdOrCtrl+L', click: onLock },
        { type: 'separator' },
        { label: l.quit, role: 'quit' },
      ],
    },
    {
      label: l.edit,
      submenu: [
        { label: l.undo, role: 'undo' },
        { label: l.redo, role: 'redo' },
        { type: 'separator' },
        { label: l.cut, role: 'cut' },
        { label: l.copy, role: 'copy' },
        { label: l.paste, role: 'paste' },
        { label: l.selectAll, role: 'selectAll' },
      ],
    },
    {
      label: l.view,
      submenu: [
        { label: l.zoomIn, role: 'zoomIn' },
        { label: l.zoomOut, role: 'zoomOut' },
        { label: l.resetZoom, role: 'resetZoom' },
        { type: 'separator' },
        { label: l.fullscreen, role: 'togglefullscreen' },
      ],
    },
    { label: l.window, submenu: [{ label: l.minimize, role: 'minimize' }, { label: l.close, role: 'close' }] },
  ];
}
