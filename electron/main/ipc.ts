import { dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_PREFIX, CHOOSE_FILE_CHANNEL, CHOOSE_FOLDER_CHANNEL, CHOOSE_SAVE_PATH_CHANNEL, dispatch, EVENT_CHANNEL, METHODS, type KluisService, type WireResult } from '../core/api';
import { safeDefaultName } from './dialog-name';
import { isTrustedUrl } from './origin';

/**
 * Binds every contract method to `kluis:<method>`. The sender's frame must be our own page;
 * dispatch() validates the input with the contract's zod schema before the core sees it.
 */
export function bindIpc(service: KluisService, devServerUrl: string | undefined): void {
  for (const method of METHODS) {
    ipcMain.handle(CHANNEL_PREFIX + method, async (event: IpcMainInvokeEvent, input: unknown): Promise<WireResult> => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url, devServerUrl)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'This call did not come from the Kluis window.' } };
      }
      return dispatch(service, method, input);
    });
  }
}

const PACKAGE_FILTER = [{ name: 'Kluis share package', extensions: ['age'] }];

/**
 * The system dialogs live in main: the renderer never sees the file system, only the path chosen.
 * Each checks its sender inline, as bindIpc does (the security checklist counts the checks).
 * Named for the first; it binds all three.
 */
export function bindFolderPicker(window: BrowserWindow, devServerUrl: string | undefined): void {
  ipcMain.handle(CHOOSE_FOLDER_CHANNEL, async (event: IpcMainInvokeEvent): Promise<string | null> => {
    if (!isTrustedUrl(event.senderFrame?.url ?? '', devServerUrl)) return null;
    const r = await dialog.showOpenDialog(window, { properties: ['openDirectory'] });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  });
  ipcMain.handle(CHOOSE_FILE_CHANNEL, async (event: IpcMainInvokeEvent): Promise<string | null> => {
    if (!isTrustedUrl(event.senderFrame?.url ?? '', devServerUrl)) return null;
    const r = await dialog.showOpenDialog(window, { properties: ['openFile'], filters: PACKAGE_FILTER });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  });
  ipcMain.handle(CHOOSE_SAVE_PATH_CHANNEL, async (event: IpcMainInvokeEvent, defaultName: unknown): Promise<string | null> => {
    if (!isTrustedUrl(event.senderFrame?.url ?? '', devServerUrl)) return null;
    const r = await dialog.showSaveDialog(window, { defaultPath: safeDefaultName(defaultName), filters: PACKAGE_FILTER, properties: ['createDirectory', 'showOverwriteConfirmation'] });
    return r.canceled || !r.filePath ? null : r.filePath;
  });
}

export function forwardEvents(service: KluisService, window: BrowserWindow): () => void {
  return service.onEvent((e) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, e);
  });
}
