/**
 * `npm run demo`: the main job without Electron, against the real core. A generated camera card
 * (several layouts, ffmpeg-made clips) is imported into a fresh vault with wipe; every clip is
 * verified by three hashes; the card keeps only what is not footage; the vault is locked,
 * unlocked, verified and listed. Later issues add consent and sharing.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { KluisService } from '../electron/core/api';
import { importCard, listRecordings } from '../electron/core/ingest';
import { makeMixedCard } from '../tests/fixtures/cards';

const PASSWORD = 'kluis demo: paarse olifant 7 fietst naar Zwolle';

function log(step: string, detail = ''): void {
  process.stdout.write(`${step.padEnd(26)} ${detail}\n`);
}

function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((p) => statSync(join(root, p)).isFile());
}

const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'kluis-demo-'));
  const vaultDir = join(work, 'vault');
  const started = performance.now();
  try {
    const card = makeMixedCard(join(work, 'card'));
    log('camera card generated', `${card.importable.length + card.ignored.length} files at ${card.root}`);

    const service = new KluisService({ vaultDir });
    const { recoveryKey } = await service.handlers['vault.create']({ password: PASSWORD });
    log('vault created', vaultDir);
    log('recovery key (shown once)', recoveryKey);

    let events = 0;
    const report = await importCard(service.openVault, card.root, { wipe: true, sourceLabel: 'DEMO_CARD', onProgress: () => events++ });
    log('imported', `${events} progress events (copy, card re-read, vault read-back, wipe per file)`);
    for (const u of report.units) log(`  ${u.outcome}`, `${u.label} (${u.layout}, ${u.files.length} files, ${u.files.filter((f) => f.wipe === 'wiped').length} wiped)`);
    log('import', `${report.totals.verified} of ${report.totals.units} clips verified, ${report.totals.wipedFiles} files wiped, ${mb(report.totals.bytes)}`);
    log('left on the card', filesUnder(card.root).map((f) => relative(card.root, join(card.root, f))).join(', ') || 'nothing');
    log('note', report.wipeNote);
    if (!report.ok) process.exitCode = 1;

    await service.lock('user');
    log('locked', 'keys dropped, catalog backed up');
    await service.handlers['vault.unlock']({ password: PASSWORD });
    const check = await service.handlers['vault.verify']({});
    log('unlocked and verified', check.ok ? `catalog intact, every blob's chunks authenticate, ${check.backups.length} backup(s)` : JSON.stringify(check));
    if (!check.ok) process.exitCode = 1;
    for (const r of listRecordings(service.openVault)) log('  recording', `${r.label}  ${r.layout}  ${r.files} files  ${mb(r.bytes)}  captured ${r.capturedAt}`);
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
