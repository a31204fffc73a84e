/**
 * Crypto-shredding removes the key first; the file after. A file the system will not let go of
 * (chattr +i: not even root may unlink it) must not make a removed item look kept, nor keep the
 * vault shut: the next unlock sweeps it once it can.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Vault } from '../../electron/core/vault';
import { canMakeUndeletable, setUndeletable } from '../helpers/system';
import { createVault, PASSWORD, removeDir, tempDir } from '../helpers/vault-fixtures';

let dir: string | undefined;
let held: string | undefined;
afterEach(async () => {
  if (held) setUndeletable(held, false);
  held = undefined;
  await removeDir(dir);
});

describe('removing an item whose file the system holds on to', () => {
  // chattr +i needs CAP_LINUX_IMMUTABLE and ext4/xfs/btrfs: skipped on tmpfs or without the capability
  it.skipIf(!canMakeUndeletable())('removes the item (its key is gone), says so, and the next unlocks sweep the file once released', async () => {
    dir = await tempDir('kluis-held-');
    const { vault } = await createVault(join(dir, 'v'));
    const item = await vault.addBytes('note.txt', Buffer.from('a note nobody may read again'));
    const blob = (vault.catalog.prepare('SELECT blob_id FROM items WHERE id = ?').get(item.id) as { blob_id: string }).blob_id;
    held = join(dir, 'v', 'objects', blob.slice(0, 2), blob);
    setUndeletable(held, true);

    const said = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await vault.removeItem(item.id);
      expect(vault.listItems()).toEqual([]);
      expect(said.mock.calls.flat().join(' ')).toContain(`could not remove ${held}, a file no key opens any more (EPERM)`);
      await vault.lock();

      const again = await Vault.open(join(dir, 'v'), PASSWORD);
      expect(existsSync(held)).toBe(true);
      await again.lock();
      const file = held;
      setUndeletable(file, false);
      held = undefined;
      await (await Vault.open(join(dir, 'v'), PASSWORD)).lock();
      expect(existsSync(file)).toBe(false);
    } finally {
      said.mockRestore();
    }
  });
});
