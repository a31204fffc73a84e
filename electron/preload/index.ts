import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_PREFIX, CHOOSE_FOLDER_CHANNEL, EVENT_CHANNEL, type KluisEvent, type KluisPreload } from '../core/api/wire';

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
};

contextBridge.exposeInMainWorld('kluis', kluis);
