import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer rules are only worth something if they fire: lint planted imports as if they sat in each layer.
const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

async function allowed(filePath: string, code: string): Promise<boolean> {
  return (await problems(filePath, code)).length === 0;
}

describe('layer rules (DESIGN.md: allowed imports)', () => {
  it('core imports no electron and no react', async () => {
    expect(await allowed('electron/core/vault/planted.ts', "import { app } from 'electron';\nexport const a = app;\n")).toBe(false);
    expect(await allowed('electron/core/vault/planted.ts', "import { useState } from 'react';\nexport const a = useState;\n")).toBe(false);
  });

  it('core imports none of the shells', async () => {
    expect(await allowed('electron/core/api/planted.ts', "import { x } from '../../main/ipc';\nexport const a = x;\n")).toBe(false);
    expect(await allowed('electron/core/api/planted.ts', "import { x } from '../../cli/main';\nexport const a = x;\n")).toBe(false);
  });

  it("a capability reaches another only through its index", async () => {
    expect(await allowed('electron/core/api/planted.ts', "import { x } from '../vault/catalog';\nexport const a = x;\n")).toBe(false);
    expect(await allowed('electron/core/api/planted.ts', "import { Vault } from '../vault';\nexport const a = Vault;\n")).toBe(true);
    // Files in a capability's subfolder: the same rules, one level further up.
    expect(await allowed('electron/core/api/handlers/planted.ts', "import { x } from '../../vault/catalog';\nexport const a = x;\n")).toBe(false);
    expect(await allowed('electron/core/api/handlers/planted.ts', "import { Vault } from '../../vault';\nexport const a = Vault;\n")).toBe(true);
    expect(await allowed('electron/core/api/handlers/planted.ts', "import { x } from '../contracts/vault';\nexport const a = x;\n")).toBe(true);
    expect(await allowed('electron/core/api/handlers/planted.ts', "import { x } from '../../../main/ipc';\nexport const a = x;\n")).toBe(false);
    expect(await allowed('electron/core/media/ffmpeg/planted.ts', "import { x } from '../../../../tests/helpers/system';\nexport const a = x;\n")).toBe(false);
  });

  it('shells import core/api only', async () => {
    expect(await allowed('electron/main/planted.ts', "import { Vault } from '../core/vault';\nexport const a = Vault;\n")).toBe(false);
    expect(await allowed('electron/cli/planted.ts', "import { dispatch } from '../core/api';\nexport const a = dispatch;\n")).toBe(true);
  });

  it('the preload imports only the runtime-free wire module', async () => {
    expect(await allowed('electron/preload/planted.ts', "import { contract } from '../core/api/contract';\nexport const a = contract;\n")).toBe(false);
    expect(await allowed('electron/preload/planted.ts', "import { EVENT_CHANNEL } from '../core/api/wire';\nexport const a = EVENT_CHANNEL;\n")).toBe(true);
  });

  it("the renderer takes only the contract's types", async () => {
    expect(await allowed('renderer/src/planted.ts', "import type { KluisBridge } from '../../electron/core/api/contract';\nexport type A = KluisBridge;\n")).toBe(true);
    expect(await allowed('renderer/src/planted.ts', "import { contract } from '../../electron/core/api/contract';\nexport const a = contract;\n")).toBe(false);
    expect(await allowed('renderer/src/planted.ts', "import type { Vault } from '../../electron/core/vault';\nexport type A = Vault;\n")).toBe(false);
    expect(await allowed('renderer/src/planted.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toBe(false);
  });
});
