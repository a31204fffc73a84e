/**
 * `npm run demo`: issue 8's whole journey through the `kluis` command, as a student and a
 * supervisor would type it (tests/e2e/journey.spec.ts walks the same day through the app).
 * A generated card is imported with wipe; a clip is probed and given a poster (a decoded frame
 * from inside the encrypted stream); two people are tied to it, one consented through a
 * guardian, one not; the export is refused with the reason; the one who did not consent is
 * redacted; the redacted copy leaves as a package for the supervisor's share key; the
 * supervisor opens it and comments; the package expires; the guardian withdraws; the
 * recordings are deleted and the deletion confirmation is written. A summary ends it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KluisService } from '../electron/core/api';
import { CLI, cliVault, kluis, makeJourneyCard, summary, type CliVault, type Step } from './demo-cli';

const PASSWORD = 'kluis demo: paarse olifant 7 fietst naar Zwolle';
/** RFC 9106's floor keeps the demo's thirty unlocks quick; a real vault uses the calibrated default. */
const KDF = ['--kdf-memory-mib', '64', '--kdf-iterations', '3'];
const DAY = 86_400_000;

const steps: Step[] = [];
function done(step: string, what: string): void {
  steps.push({ step, what });
  process.stdout.write(`${step.padEnd(24)} ${what}\n`);
}

const dateIn = (days: number): string => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const clipsOn = (root: string): string[] => readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((p) => /\.(mp4|mov)$/i.test(p) && statSync(join(root, p)).isFile());

async function newVault(work: string, name: string): Promise<{ vault: CliVault; recoveryKey: string }> {
  const passwordFile = join(work, `${name}.pw`);
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  const dir = join(work, name);
  const r = await kluis(['init', '--vault', dir, '--password-file', passwordFile, ...KDF]);
  if (r.code !== 0) throw new Error(`kluis init failed: ${r.stderr}`);
  return { vault: cliVault(dir, passwordFile), recoveryKey: r.stdout.trim() };
}

interface Recording {
  id: string;
  label: string;
}

async function importAndPlay(student: CliVault, card: string): Promise<Recording> {
  const report = await student.json<{ ok: boolean; totals: { units: number; verified: number; wipedFiles: number } }>('import', [card, '--wipe', '--label', 'DEMO_CARD']);
  const left = clipsOn(card);
  done('import with wipe', `${report.totals.verified} of ${report.totals.units} clips verified, ${report.totals.wipedFiles} files wiped; clips left on the card: ${left.length}`);
  if (!report.ok || left.length > 0) throw new Error('the import did not verify and wipe every clip');
  const recordings = await student.json<Recording[]>('recordings', []);
  done('library', recordings.map((r) => r.label).join(', '));
  const clip = recordings.find((r) => r.label === 'MVI_0001.MP4')!;
  const detail = await student.json<{ row: { durationSec: number | null; playability: string; videoCodec: string | null } }>('probe', [clip.id]);
  const thumbs = await student.json<{ poster: boolean }>('thumbs', [clip.id]);
  if (!thumbs.poster) throw new Error(`no poster frame could be decoded from ${clip.label}`);
  done('play and seek', `${clip.label}: ${detail.row.videoCodec} ${detail.row.durationSec?.toFixed(1)} s, plays ${detail.row.playability}; a frame at 10% decoded from the encrypted stream as its poster`);
  return clip;
}

interface People {
  child: string;
  childConsent: string;
  student: string;
}

async function addPeople(v: CliVault, clip: Recording): Promise<People> {
  const year = String(new Date().getFullYear() - 12);
  const child = (await v.json<{ id: string; minor: boolean }>('person', ['add', '--pseudonym', 'J.D.', '--role', 'pupil', '--holder', 'self', '--birth-year', year, '--minor']));
  const consent = await v.json<{ id: string }>('consent', ['add', '--person', child.id, '--purpose', 'reflection', '--audience', 'supervisor', '--signed-by', 'guardian', '--signed-at', dateIn(0)]);
  const student = await v.json<{ id: string }>('person', ['add', '--pseudonym', 'M.V.', '--role', 'student', '--holder', 'self', '--birth-year', '2001']);
  done('people', `J.D. (pupil, born ${year}, minor: ${child.minor}) with a guardian's consent for reflection by a supervisor; M.V. (student) without consent`);
  await v.json('recording', ['set-purpose', clip.id, '--purpose', 'reflection', '--basis', 'consent', '--situation', 'outside-school', '--owner', 'Student Kim', '--retention', 'reflection', '--consent-archive', 'in the vault']);
  for (const p of [child.id, student.id]) await v.run('appear', ['add', clip.id, p, '--as', 'both']);
  const cov = await v.run('coverage', [clip.id, '--purpose', 'reflection', '--audience', 'supervisor'], 1);
  done('tied to the clip', `purpose reflection, retention 4 weeks; coverage: ${cov.stdout.trim().split('\n').map((l) => l.trim()).join(' | ')}`);
  return { child: child.id, childConsent: consent.id, student: student.id };
}

function exportArgs(ids: string[], key: string, out: string): string[] {
  return ['export', ...ids, '--to', key, '--purpose', 'reflection', '--audience', 'supervisor', '--expires', dateIn(14), '--sender', 'Student Kim', '-o', out];
}

async function refuseThenRedact(v: CliVault, clip: Recording, people: People, key: string, work: string): Promise<string> {
  const refused = await v.run('share', exportArgs([clip.id], key, join(work, 'refused.age')), 1);
  if (refused.code !== 1) throw new Error('the share gate let a clip with an unconsented person through');
  const reason = refused.stdout.split('\n').find((l) => l.includes(people.student))?.trim() ?? refused.stdout.trim();
  done('export refused', `exit 1, nothing written (${readdirSync(work).includes('refused.age') ? 'a file WAS written' : 'no file'}): ${reason}`);

  const plan = join(work, 'plan.json');
  const box = (t: number, x: number) => ({ t, x, y: 30, w: 40, h: 40 });
  writeFileSync(plan, JSON.stringify({ format: 'kluis-redaction-plan', version: 1, tracks: [{ id: 't1', label: 'M.V.', personId: people.student, shape: 'box', style: 'solid', origin: 'manual', decision: 'redact', keyframes: [box(0, 20), box(3, 30)], hold: [], hide: [] }], frames: [], audio: [], cuts: [] }));
  await v.run('redact', ['plan', clip.id, '--from', plan]);
  const rendered = await v.json<{ recordingId: string; manifest: { redacted: { personId: string | null }[] } }>('redact', ['render', clip.id]);
  done('redacted', `M.V. covered by a solid box from 0 to 4 s; new recording ${rendered.recordingId}, ${rendered.manifest.redacted.length} track(s) redacted; the original unchanged`);
  return rendered.recordingId;
}

async function shareAndReview(v: CliVault, sup: CliVault, derived: string, key: string, work: string): Promise<{ clips: number }> {
  mkdirSync(join(work, 'stick'));
  const out = join(work, 'stick', 'for-jansen.age');
  const exp = await v.json<{ path: string; size: number; packageId: string }>('share', exportArgs([derived], key, out));
  done('package exported', `${exp.packageId}, ${(exp.size / 1024).toFixed(0)} KiB at ${exp.path}, expires ${dateIn(14)} (only ciphertext on the stick)`);
  const opened = await sup.json<{ package: { clips: { id: string }[]; manifest: { clips: { persons: { pseudonym: string; basis: string }[] }[] } } }>('share', ['open', out]);
  const people = opened.package.manifest.clips.flatMap((c) => c.persons.map((p) => `${p.pseudonym} (${p.basis})`));
  done('opened by supervisor', `${opened.package.clips.length} clip, in it: ${people.join(', ')}`);
  const comment = await sup.json<{ atSec: number; text: string }>('share', ['comment', opened.package.clips[0]!.id, '--at', '2', '--text', 'Mooi moment, let op de camerahoek.']);
  done('comment', `at ${comment.atSec} s: "${comment.text}"`);
  return { clips: opened.package.clips.length };
}

/**
 * The CLI reads the system clock, so the demo cannot wait fifteen days: it opens the supervisor's
 * vault once through the core with its clock moved (the test host's /test/clock does the same
 * for the e2e test), and then asks the CLI what is left.
 */
async function expire(sup: CliVault): Promise<number> {
  const later = new Date(Date.now() + 15 * DAY);
  const service = new KluisService({ vaultDir: sup.dir, clock: () => later, autoRetention: false });
  await service.handlers['vault.unlock']({ password: PASSWORD });
  await service.handlers['share.received']({});
  await service.lock('user');
  const ls = await sup.json<{ received: unknown[] }>('share', ['ls']);
  const audit = await sup.json<{ action: string; detail: { why?: string } }[]>('audit', ['ls']);
  const deleted = audit.filter((e) => e.action === 'share.receivedDeleted');
  done('expired', `clock moved to ${later.toISOString().slice(0, 10)}: ${ls.received.length} received package(s) left; audit: ${deleted.map((e) => `share.receivedDeleted (${e.detail.why})`).join(', ')}`);
  return deleted.length;
}

async function withdrawAndDelete(v: CliVault, people: People, work: string): Promise<{ deleted: number }> {
  const w = await v.json<{ affectedRecordings: string[] }>('consent', ['withdraw', people.childConsent, '--how', "by e-mail from J.D.'s guardian"]);
  done('consent withdrawn', `J.D.: affects ${w.affectedRecordings.length} recording(s): ${w.affectedRecordings.join(', ')}`);
  let left = (await v.json<{ recordings: string[] }>('person', ['show', people.child])).recordings;
  // deleting a source takes its redacted copies along, so ask again after each one
  while (left.length > 0) {
    await v.json('recording', ['delete', left[0]!, '--why', 'withdrawal', '--person', people.child, '--yes']);
    left = (await v.json<{ recordings: string[] }>('person', ['show', people.child])).recordings;
  }
  const pdf = join(work, 'deletion-confirmation-J.D.pdf');
  const doc = await v.json<{ deleted: unknown[]; remaining: unknown[]; audit: { ok: boolean; entries: number }; statement: string }>('report', ['deletion', people.child, '--out', pdf]);
  done('deletion confirmation', `${doc.deleted.length} recording(s) deleted, ${doc.remaining.length} remaining, audit chain ${doc.audit.ok ? 'intact' : 'BROKEN'} (${doc.audit.entries} entries); PDF ${(statSync(pdf).size / 1024).toFixed(0)} KiB`);
  if (doc.remaining.length > 0 || !doc.audit.ok) throw new Error('the deletion confirmation is not clean');
  return { deleted: doc.deleted.length };
}

async function main(): Promise<void> {
  const started = performance.now();
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
  process.stdout.write(`kluis: ${CLI}\n\n`);
  const work = mkdtempSync(join(tmpdir(), 'kluis-demo-'));
  try {
    const card = makeJourneyCard(join(work, 'card'));
    const { vault: student, recoveryKey } = await newVault(work, 'student');
    done('vault created', `${student.dir}; recovery key (shown once) ${recoveryKey}`);
    const clip = await importAndPlay(student, card);
    const people = await addPeople(student, clip);
    const { vault: supervisor } = await newVault(work, 'supervisor');
    const { publicKey } = await supervisor.json<{ publicKey: string }>('share', ['key']);
    done('supervisor share key', publicKey);
    const derived = await refuseThenRedact(student, clip, people, publicKey, work);
    const review = await shareAndReview(student, supervisor, derived, publicKey, work);
    const expired = await expire(supervisor);
    const { deleted } = await withdrawAndDelete(student, people, work);
    const left = await student.json<Recording[]>('recordings', []);
    const audit = await student.json<{ ok: boolean; entries: number }>('audit', ['verify']);
    done('what is left', `${left.map((r) => r.label).join(', ')}; student's audit chain ${audit.ok ? 'intact' : 'BROKEN'}, ${audit.entries} entries`);
    const counts = { 'clips imported': 2, 'people': 2, 'exports refused': 1, 'redacted copies': 1, 'packages sent': 1, 'clips received': review.clips, comments: 1, 'packages expired': expired, 'recordings deleted': deleted, 'recordings left': left.length };
    process.stdout.write(summary(steps, counts, (performance.now() - started) / 1000));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`demo failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
