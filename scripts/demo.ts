/**
 * `npm run demo`: the main job without Electron, against the real core. A generated camera card
 * goes into a fresh vault; every file is read back, decrypted and compared; the vault is locked,
 * unlocked and verified. Later issues extend this with import, wipe, consent and sharing.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KluisService } from '../electron/core/api';

const PASSWORD = 'kluis demo: paarse olifant 7 fietst naar Zwolle';

function log(step: string, detail = ''): void {
  process.stdout.write(`${step.padEnd(28)} ${detail}\n`);
}

/** A small DCF card: DCIM/100KLUIS with a real H.264 clip when ffmpeg is present, else random bytes. */
function makeCard(root: string): string[] {
  const folder = join(root, 'DCIM', '100KLUIS');
  mkdirSync(folder, { recursive: true });
  const clip = join(folder, 'KLU_0001.MP4');
  try {
    execFileSync(process.env['FFMPEG_BIN'] ?? 'ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25:duration=4', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=4', '-c:v', 'libx264', '-preset', 'veryfast', '-c:a', 'aac', '-shortest', clip]);
  } catch {
    writeFileSync(clip, randomBytes(3 * 1024 * 1024));
  }
  writeFileSync(join(folder, 'KLU_0002.MP4'), randomBytes(5 * 1024 * 1024 + 17));
  writeFileSync(join(folder, 'KLU_0002.THM'), randomBytes(9_000));
  return readdirSync(folder).map((f) => join(folder, f));
}

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'kluis-demo-'));
  const vaultDir = join(work, 'vault');
  const started = performance.now();
  try {
    const files = makeCard(join(work, 'card'));
    log('card generated', `${files.length} files in ${join(work, 'card')}`);

    const service = new KluisService({ vaultDir });
    const { recoveryKey } = await service.handlers['vault.create']({ password: PASSWORD });
    log('vault created', vaultDir);
    log('recovery key (shown once)', recoveryKey);

    const vault = service.openVault;
    for (const f of files) {
      const item = await vault.addFile(f);
      log('added', `${item.id}  ${item.name}  ${item.size} bytes`);
    }
    for (const item of vault.listItems()) {
      const original = files.find((f) => f.endsWith(item.name))!;
      const same = sha256(await vault.readBytes(item.id)) === sha256(readFileSync(original));
      log('read back and compared', `${item.name}: ${same ? 'identical' : 'DIFFERENT'}`);
      if (!same) process.exitCode = 1;
    }
    await service.lock('user');
    log('locked', 'keys dropped, catalog backed up');

    await service.handlers['vault.unlock']({ password: PASSWORD });
    const report = await service.handlers['vault.verify']({});
    log('unlocked and verified', report.ok ? `all ${report.items.length} items intact, catalog intact, ${report.backups.length} backup(s)` : JSON.stringify(report));
    if (!report.ok) process.exitCode = 1;
    await service.lock('user');
    log('done', `in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`demo failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
