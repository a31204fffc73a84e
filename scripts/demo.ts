/**
 * `npm run demo`: the main job without Electron, against the real core. A generated camera card
 * (several layouts, ffmpeg-made clips) is imported into a fresh vault with wipe; every clip is
 * verified by three hashes; the card keeps only what is not footage; the vault is locked,
 * unlocked, verified and listed. Then it is shared: consent is recorded for one clip, a second
 * vault (the supervisor's) makes a share key, a package is exported for that key (through the
 * share gate) and opened in the second vault, which lists what arrived.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
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
    const recordings = listRecordings(service.openVault);
    for (const r of recordings) log('  recording', `${r.label}  ${r.layout}  ${r.files} files  ${mb(r.bytes)}  captured ${r.capturedAt}`);
    await share(service, recordings[0]!.id, work);
    await service.lock('user');
    log('done', `in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The ending: consent for one clip, a supervisor's vault and share key, export, open, list. */
async function share(student: KluisService, recordingId: string, work: string): Promise<void> {
  const h = student.handlers;
  const pupil = await h['persons.add']({ pseudonym: 'P1', role: 'pupil', birthYear: 2000, consentHolder: 'self' });
  await h['consents.add']({ personId: pupil.id, purposes: ['reflection'], audiences: ['supervisor'], signedBy: 'person', signedAt: new Date().toISOString().slice(0, 10) });
  await h['recordings.setPurpose']({ recordingId, purpose: 'reflection', lawfulBasis: 'consent', situation: 'outside-school', specialCategory: false, owner: 'demo student', retentionPreset: 'assessment-evidence', consentArchive: 'in the vault' });
  await h['appearances.add']({ recordingId, personId: pupil.id, presence: 'both' });
  log('consent recorded', `P1 appears in ${recordingId}, consent for reflection by the supervisor`);

  const supervisor = new KluisService({ vaultDir: join(work, 'supervisor-vault') });
  await supervisor.handlers['vault.create']({ password: PASSWORD });
  const { publicKey } = await supervisor.handlers['share.key']({});
  log('supervisor share key', publicKey);

  mkdirSync(join(work, 'usb'));
  const expires = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  const out = await h['share.export']({
    items: [{ recordingId }], purpose: 'reflection', audience: 'supervisor', expires, recipients: [{ type: 'x25519', publicKey, name: 'Supervisor' }], senderName: 'Demo student', outPath: join(work, 'usb', 'for-supervisor.age'),
  });
  log('package exported', `${out.path} (${mb(out.size)}, sha256 ${out.sha256.slice(0, 16)}…), expires ${expires}; the stick holds: ${readdirSync(join(work, 'usb')).join(', ')}`);

  const opened = await supervisor.handlers['share.open']({ path: out.path });
  if (opened.kind !== 'received') throw new Error('the demo package opened as feedback');
  log('opened by the supervisor', `${opened.package.id} from ${opened.package.sender}`);
  for (const p of await supervisor.handlers['share.received']({})) {
    log('  arrived', `${p.kind} for ${p.purpose} to ${p.audience}, expires ${p.expiresAt.slice(0, 10)}, ${p.mayForward ? 'may forward' : 'view only'}`);
    for (const c of p.clips) log('    clip', `${c.title}  ${c.durationSec.toFixed(1)} s  ${mb(c.size)}  people: ${p.manifest.clips[c.position]?.persons.map((x) => `${x.pseudonym} (${x.basis})`).join(', ') ?? '-'}`);
  }
  await supervisor.lock('user');
}

main().catch((e: unknown) => {
  process.stderr.write(`demo failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
