import { app, session } from 'electron';
import { isTrustedUrl } from './origin';

/** Electron's security checklist items that apply to every window and session. */
export function hardenApp(devServerUrl: string | undefined): void {
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedUrl(url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    // Kluis opens no other windows and hands no URL to the OS (checklist items 14, 15): a page
    // that could open links could carry footage out of the sandbox.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

export function denyAllPermissions(): void {
  const s = session.defaultSession;
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
}
