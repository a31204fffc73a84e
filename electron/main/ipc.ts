import { dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CHANNEL_PREFIX, CHOOSE_FOLDER_CHANNEL, dispatch, EVENT_CHANNEL, METHODS, type KluisService, type WireResult } from '../core/api';
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

/** The folder picker lives in main: the renderer never sees the file system, only the path chosen. */
export function bindFolderPicker(window: BrowserWindow, devServerUrl: string | undefined): void {
  ipcMain.handle(CHOOSE_FOLDER_CHANNEL, async (event: IpcMainInvokeEvent): Promise<string | null> => {
    if (!isTrustedUrl(event.senderFrame?.url ?? '', devServerUrl)) return null;
    const r = await dialog.showOpenDialog(window, { properties: ['openDirectory'] });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  });
}

export function forwardEvents(service: KluisService, window: BrowserWindow): () => void {
  return service.onEvent((e) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, e);
  });
}
