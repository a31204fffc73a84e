import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { CHANNEL_PREFIX, CHOOSE_FILE_CHANNEL, CHOOSE_FOLDER_CHANNEL, CHOOSE_SAVE_PATH_CHANNEL, EVENT_CHANNEL, type KluisEvent, type KluisPreload } from '../core/api/wire';

// Exactly one object crosses into the page; main validates every call against the contract.
const kluis: KluisPreload = {
  invoke: (method, input) => ipcRenderer.invoke(CHANNEL_PREFIX + method, input),
  onEvent(listener) {
    const handler = (_e: IpcRendererEvent, event: KluisEvent) => listener(event);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
  chooseFolder: () => ipcRenderer.invoke(CHOOSE_FOLDER_CHANNEL),
  // only the name crosses: main ignores anything but a plain file name
  chooseSavePath: (defaultName) => ipcRenderer.invoke(CHOOSE_SAVE_PATH_CHANNEL, String(defaultName)),
  chooseFile: () => ipcRenderer.invoke(CHOOSE_FILE_CHANNEL),
  // a dropped File has no path in a sandboxed page; the path goes back to main as a share.open argument
  pathForFile: (file) => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('kluis', kluis);
