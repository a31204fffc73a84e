import type { WebPreferences } from 'electron';

/**
 * The only webPreferences Kluis uses (Electron security checklist items 2-4, 6, 8-11, 20).
 * Pure data, so tests/unit/shell checks it without Electron; lint forbids weakening any of these
 * literals anywhere else in electron/.
 */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}
