import type { Input, KluisBridge, KluisPreload, Method, Output } from '../../../electron/core/api/contract';
import { KluisError, toKluisError } from './errors';
import { HttpBridge } from './http';
import { takeToken } from './token';

export { KluisError } from './errors';

declare global {
  interface Window {
    /** present only inside Electron, put there by the preload */
    kluis?: KluisPreload;
  }
}

/** IPC carries errors as data (WireResult); this turns them back into rejections. */
function preloadBridge(preload: KluisPreload): KluisBridge {
  return {
    async call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
      let result;
      try {
        result = await preload.invoke(method, input);
      } catch (e) {
        throw toKluisError(e);
      }
      if (result.ok) return result.value as Output<M>;
      throw new KluisError(result.error.code, result.error.message);
    },
    onEvent: (listener) => preload.onEvent(listener),
  };
}

export function createClient(): KluisBridge {
  return window.kluis ? preloadBridge(window.kluis) : new HttpBridge(takeToken());
}

export const api: KluisBridge = createClient();
