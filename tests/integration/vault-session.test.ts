import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from '../../electron/core/vault';
import { createVault, expectCode, flipBit, PASSWORD, removeDir, snapshot, tempDir } from '../helpers/vault-fixtures';

const NEW_PASSWORD = 'Zeepbel-Fietsbel-41-Onweer?';

let root: string;
beforeAll(async () => {
  root = await tempDir('kluis-session-');
});
afterAll(() => removeDir(root));

async function vaultWithItems(name: string): Promise<{ dir: string; recoveryKey: string; ids: string[] }> {
  const dir = join(root, name);
  const { vault, recoveryKey } = await createVault(dir);
  const ids = [(await vault.addBytes('een.txt', Buffer.from('een'))).id, (await vault.addBytes('twee.bin', Buffer.alloc(70_000, 2))).id];
  await vault.lock();
  return { dir, recoveryKey, ids };
}

describe('wrong password and recovery', () => {
  it('a wrong password is WRONG_PASSWORD and leaves every file byte-identical', async () => {
    const { dir } = await vaultWithItems('wrong');
    const before = await snapshot(dir);
    for (const pw of ['Vlinder-Kaasschaaf-73-Regenboog', 'vlinder-kaasschaaf-73-regenboog!', '', 'x']) {
      await expectCode(() => Vault.open(dir, pw), 'WRONG_PASSWORD');
    }
    expect(await snapshot(dir)).toEqual(before);
    expect(await readdir(dir)).not.toContain('kluis.lock');
    await (await Vault.open(dir, PASSWORD)).lock();
  });

  it('a wrong or mistyped recovery key changes nothing; the right one sets a new password and keeps working', async () => {
    const { dir, recoveryKey } = await vaultWithItems('recover');
    const other = await vaultWithItems('other');
    const before = await snapshot(dir);
    await expectCode(() => Vault.recover(dir, other.recoveryKey, NEW_PASSWORD), 'WRONG_RECOVERY_KEY');
    const typo = recoveryKey.slice(0, 5) + (recoveryKey[5] === 'A' ? 'B' : 'A') + recoveryKey.slice(6);
    await expectCode(() => Vault.recover(dir, typo, NEW_PASSWORD), 'RECOVERY_KEY_TYPO');
    await expectCode(() => Vault.recover(dir, recoveryKey, 'welkom01'), 'WEAK_PASSWORD');
    expect(await snapshot(dir)).toEqual(before);

    await Vault.recover(dir, recoveryKey.toLowerCase(), NEW_PASSWORD);
    await expectCode(() => Vault.open(dir, PASSWORD), 'WRONG_PASSWORD');
    const v = await Vault.open(dir, NEW_PASSWORD);
    expect(v.listItems()).toHaveLength(2);
    await v.lock();
    await Vault.recover(dir, recoveryKey, PASSWORD);
    await (await Vault.open(dir, PASSWORD)).lock();
  });

  it('changePassword needs the current password and then only the new one opens', async () => {
    const { dir } = await vaultWithItems('change');
    const v = await Vault.open(dir, PASSWORD);
    await expectCode(() => v.changePassword('Niet-Het-Goede-Wachtwoord-9', NEW_PASSWORD), 'WRONG_PASSWORD');
    await expectCode(() => v.changePassword(PASSWORD, 'welkom01'), 'WEAK_PASSWORD');
    await v.changePassword(PASSWORD, NEW_PASSWORD);
    await v.lock();
    await expectCode(() => Vault.open(dir, PASSWORD), 'WRONG_PASSWORD');
    await (await Vault.open(dir, NEW_PASSWORD)).lock();
  });
});

describe('one process at a time', () => {
  function holdOpen(dir: string): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/hold-vault.ts', dir, PASSWORD], { stdio: ['pipe', 'pipe', 'pipe'] });
    return new Promise((resolve, reject) => {
      let err = '';
      child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      child.stdout!.on('data', (d: Buffer) => {
        if (d.toString().includes('open')) resolve(child);
      });
      child.on('exit', (code) => reject(new Error(`holder exited ${code}: ${err}`)));
    });
  }
  const exited = (c: ChildProcess) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.once('exit', r)));

  it('a vault open in another process is VAULT_IN_USE; a clean close or a crash frees it', async () => {
    const { dir } = await vaultWithItems('in-use');
    const child = await holdOpen(dir);
    try {
      const e = await expectCode(() => Vault.open(dir, PASSWORD), 'VAULT_IN_USE');
      expect(e.message).toContain(String(child.pid));
    } finally {
      child.stdin!.end();
      await exited(child);
    }
    expect(child.exitCode).toBe(0);
    await (await Vault.open(dir, PASSWORD)).lock();

    // a holder that dies without locking leaves its pid behind; the next open takes the lock over
    const crashed = await holdOpen(dir);
    crashed.kill('SIGKILL');
    await exited(crashed);
    expect(await readdir(dir)).toContain('kluis.lock');
    const v = await Vault.open(dir, PASSWORD);
    expect(v.listItems()).toHaveLength(2);
    await v.lock();
    expect(await readdir(dir)).not.toContain('kluis.lock');
  });
});

describe('one open per vault within a process too', () => {
  it('a second open in the same process is VAULT_IN_USE, and locking the first frees it', async () => {
    const { dir } = await vaultWithItems('twice');
    const first = await Vault.open(dir, PASSWORD);
    try {
      await expectCode(() => Vault.open(dir, PASSWORD), 'VAULT_IN_USE');
      await expectCode(() => Vault.open(`${dir}/`, PASSWORD), 'VAULT_IN_USE');
      expect(await readdir(dir)).toContain('kluis.lock');
    } finally {
      await first.lock();
    }
    await (await Vault.open(dir, PASSWORD)).lock();
  });
});

describe('lock', () => {
  it('drops the keys: every call needs an unlock again', async () => {
    const dir = join(root, 'lock');
    const { vault } = await createVault(dir);
    const item = await vault.addBytes('a', Buffer.from('inhoud'));
    const pending = vault.readRange(item.id);
    expect(await vault.lock()).toEqual({ backup: 'written' });
    expect(vault.isOpen).toBe(false);
    expect(Reflect.get(vault, 'mk')).toBeNull();
    await expectCode(() => vault.listItems(), 'LOCKED');
    await expectCode(() => vault.readBytes(item.id), 'LOCKED');
    await expectCode(() => vault.getItem(item.id), 'LOCKED');
    await expectCode(() => vault.addBytes('b', Buffer.from('x')), 'LOCKED');
    await expectCode(() => vault.verify(), 'LOCKED');
    await expectCode(() => vault.catalog, 'LOCKED');
    // a read started before the lock does not outlive it with the old key
    await expect(pending.next()).rejects.toMatchObject({ code: 'LOCKED' });
    expect(await vault.lock()).toEqual({ backup: 'unchanged' });
    expect(await readdir(dir)).not.toContain('kluis.lock');
  });

  it('writes a catalog backup after a changing session only, keeps five, and they verify and open', async () => {
    const dir = join(root, 'backups');
    const { vault } = await createVault(dir);
    await vault.addBytes('eerste', Buffer.from('1'));
    await vault.lock();
    const backups = () => readdir(join(dir, 'backups'));
    expect(await backups()).toHaveLength(1);

    const quiet = await Vault.open(dir, PASSWORD);
    quiet.listItems();
    expect(await quiet.lock()).toEqual({ backup: 'unchanged' });
    expect(await backups()).toHaveLength(1);

    for (let i = 0; i < 6; i++) {
      const v = await Vault.open(dir, PASSWORD);
      await v.addBytes(`sessie-${i}`, Buffer.from(String(i)));
      expect(await v.lock()).toEqual({ backup: 'written' });
      // backups are named by the time to the millisecond; two in one millisecond would overwrite each other
      await new Promise((r) => setTimeout(r, 5));
    }
    const kept = (await backups()).sort();
    expect(kept).toHaveLength(5);

    const v = await Vault.open(dir, PASSWORD);
    const report = await v.verify();
    expect(report.ok).toBe(true);
    expect(report.backups.map((b) => b.file)).toEqual(kept);
    expect(report.backups.every((b) => b.ok)).toBe(true);
    // a damaged backup is named as such
    const restore = await flipBit(join(dir, 'backups', kept[0]!), 3000, 4);
    const damaged = await v.verify();
    expect(damaged.backups.filter((b) => !b.ok).map((b) => b.file)).toEqual([kept[0]]);
    await restore();
    await v.lock();

    // the newest backup replaces a ruined catalog and the vault opens with everything in it
    await writeFile(join(dir, 'catalog.db'), Buffer.alloc(8192, 0xaa));
    await expectCode(() => Vault.open(dir, PASSWORD), 'CATALOG_DAMAGED');
    await copyFile(join(dir, 'backups', kept.at(-1)!), join(dir, 'catalog.db'));
    const restored = await Vault.open(dir, PASSWORD);
    expect(restored.listItems().map((i) => i.name)).toEqual(['eerste', ...Array.from({ length: 6 }, (_, i) => `sessie-${i}`)]);
    expect((await restored.verify()).ok).toBe(true);
    await restored.lock();
  });
});
