import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { safeDefaultName } from '../../../electron/main/dialog-name';

describe('the system dialogs the page may open', () => {
  it('proposes only a plain .age file name the page asked for', () => {
    expect(safeDefaultName('for-jansen.age')).toBe('for-jansen.age');
    expect(safeDefaultName('  videotoets 2026-06-01.age ')).toBe('videotoets 2026-06-01.age');
    for (const bad of ['../../etc/passwd.age', '/tmp/x.age', 'C:\\x.age', '.hidden.age', 'notes.txt', '.age', 'a\u0000b.age', 'x'.repeat(121) + '.age', 42, null]) {
      expect(safeDefaultName(bad), String(bad)).toBe('package.age');
    }
  });

  it('every dialog channel in main checks that the call came from our page', () => {
    const ipc = readFileSync('electron/main/ipc.ts', 'utf8');
    const handlers = [...ipc.matchAll(/ipcMain\.handle\((\w+),[^\n]*\n([^\n]*)/g)].filter((m) => m[1] !== 'CHANNEL_PREFIX');
    expect(handlers.map((m) => m[1]).sort()).toEqual(['CHOOSE_FILE_CHANNEL', 'CHOOSE_FOLDER_CHANNEL', 'CHOOSE_SAVE_PATH_CHANNEL']);
    for (const m of handlers) expect(m[2], m[1]).toMatch(/if \(!isTrustedUrl\(event\.senderFrame\?\.url \?\? '', devServerUrl\)\) return null;/);
    // the preload exposes exactly these channels, plus invoke/onEvent and the drop path
    const preload = readFileSync('electron/preload/index.ts', 'utf8');
    expect([...preload.matchAll(/ipcRenderer\.invoke\((\w+)/g)].map((m) => m[1]).sort()).toEqual(['CHANNEL_PREFIX', 'CHOOSE_FILE_CHANNEL', 'CHOOSE_FOLDER_CHANNEL', 'CHOOSE_SAVE_PATH_CHANNEL']);
    expect(preload).toMatch(/pathForFile: \(file\) => webUtils\.getPathForFile\(file\)/);
  });
});
