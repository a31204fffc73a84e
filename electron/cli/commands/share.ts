import { resolve } from 'node:path';
import type { Input, Output } from '../../core/api';
import { str } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../errors';
import { readSecretFile } from '../secrets';
import { call, COMMON_OPTIONS, list, only, openService, out } from './consent';

type Item = Input<'share.export'>['items'][number];

/** "rec_…" or, for a videotoets, "rec_…@IN-OUT" in seconds (12.5-40). */
export function parseItem(text: string): Item {
  const m = /^(rec_[0-9a-f]{16})(?:@(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?))?$/.exec(text);
  if (!m) throw new UsageError(`"${text}" is not a recording id (rec_ and 16 hex digits), optionally with @IN-OUT in seconds.`);
  return { recordingId: m[1]!, ...(m[2] !== undefined ? { inSec: Number(m[2]), outSec: Number(m[3]) } : {}) };
}

function receivedLines(p: Output<'share.received'>[number]): string[] {
  const m = p.manifest;
  const lines = [
    `${p.id}  received  from ${p.sender}  ${m.kind}  for ${p.purpose} to ${p.audience}  expires ${p.expiresAt.slice(0, 10)}  ${p.mayForward ? 'may forward' : 'view only'}${p.mayKeep ? ', may keep' : ''}`,
  ];
  for (const c of p.clips) {
    const mc = m.clips[c.position];
    const cut = mc?.edits.length ? `  edits: ${mc.edits.map((e) => `${e.op} ${e.fromSec}-${e.toSec}s`).join(', ')}` : '';
    const people = mc?.persons.length ? `  people: ${mc.persons.map((x) => `${x.pseudonym} (${x.basis})`).join(', ')}` : '';
    lines.push(`  ${c.id}  ${c.title}  ${c.durationSec.toFixed(1)} s${cut}${people}`);
  }
  return lines;
}

export const share: Command = {
  name: 'share',
  summary: 'encrypted share packages: key, export, handover, open, ls, comment',
  help: `Usage: kluis share key --vault DIR [--qr] [--json]
       kluis share export --vault DIR IDS... (--to age1... [--to ...] | --passphrase-file F)
                          --purpose P --audience A --expires DATE -o FILE
                          [--sender NAME] [--watermark TEXT] [--videotoets] [--allow-forward]
                          [--allow-keep] [--json]
       kluis share handover --vault DIR IDS... --to age1... --colleague NAME --reason TEXT
                          -o FILE [--sender NAME] [--json]
       kluis share open --vault DIR FILE [--passphrase-file F] [--json]
       kluis share ls --vault DIR [--json]
       kluis share comment --vault DIR CLIP_ID --at SECONDS --text TEXT [--json]

key     creates this vault's share key on first use and prints its public half (age1...);
        give it to whoever sends you packages, so no password travels by e-mail (R5, R13).
        --qr also prints it as a QR code.
export  checks the share gate (everyone covered or redacted, nothing special-category (U2),
        not past retention), then writes one encrypted package (an age file: the standard
        "age -d" opens it too) to FILE; the folder holds only ciphertext (R11). IDS are
        recording ids; for a videotoets add in/out points: rec_…@12.5-40 (seconds).
        --expires is a date (the package opens until the end of that day, UTC).
        Refused: exit 1 with the reasons per recording and per person.
handover  hands ownership of recordings, and the duty to delete them, to a colleague (U5):
        one package for the colleague's share key (--to) holds the recordings as they are,
        their redacted versions, purpose and retention, who appears in them and those
        people's consents and forms. It is read back, then the recordings are DELETED from
        this vault. --colleague becomes their owner. Exit 1 if something may not move.
open    decrypts with your share key (or --passphrase-file), checks every checksum and
        imports the clips as received, view-only items, deleted at expiry. A feedback
        package attaches its comments to your recordings' timelines instead; a handover
        makes its recordings yours, with their consent records and deletion duty.
ls      what arrived (received packages and their clips) and what left (the export register).
comment adds a comment at a time (seconds) to a received clip (its id from "share ls").
`,
  options: {
    ...COMMON_OPTIONS,
    qr: { type: 'boolean' },
    to: { type: 'string', multiple: true },
    'passphrase-file': { type: 'string' },
    purpose: { type: 'string' },
    audience: { type: 'string' },
    expires: { type: 'string' },
    out: { type: 'string', short: 'o' },
    sender: { type: 'string' },
    watermark: { type: 'string' },
    videotoets: { type: 'boolean' },
    'allow-forward': { type: 'boolean' },
    'allow-keep': { type: 'boolean' },
    colleague: { type: 'string' },
    reason: { type: 'string' },
    at: { type: 'string' },
    text: { type: 'string' },
  },
  positionals: true,
  async run({ values, positionals }, session) {
    const [sub, ...rest] = positionals;
    if (sub === 'key') {
      only(values, sub, ['qr']);
      if (rest.length) throw new UsageError(`share key takes only options (got "${rest[0]}").`);
      const service = await openService(values, session);
      const k = await call(service, 'share.key', values.qr ? { qr: true } : {});
      await out(values, k, k.qr ? `${k.publicKey}\n\n${k.qr}` : k.publicKey);
      return EXIT.OK;
    }
    if (sub === 'export') {
      only(values, sub, ['to', 'passphrase-file', 'purpose', 'audience', 'expires', 'out', 'sender', 'watermark', 'videotoets', 'allow-forward', 'allow-keep']);
      if (rest.length === 0) throw new UsageError('Name the recordings to export ("kluis recordings" lists them).');
      const items = rest.map(parseItem);
      const keys = list(values, 'to');
      const passFile = str(values, 'passphrase-file');
      if (keys.length === 0 && !passFile) throw new UsageError('Say who may open it: --to age1... (their share key) or --passphrase-file F.');
      for (const x of ['purpose', 'audience', 'expires', 'out'] as const) if (!str(values, x)) throw new UsageError(`--${x} is required.`);
      const recipients: Input<'share.export'>['recipients'] = keys.map((k) => ({ type: 'x25519' as const, publicKey: k }));
      if (passFile) recipients.push({ type: 'passphrase', passphrase: await readSecretFile(passFile, 'passphrase') });
      const service = await openService(values, session);
      const gate = await call(service, 'share.gate', { recordingIds: items.map((i) => i.recordingId), purpose: str(values, 'purpose') as Input<'share.gate'>['purpose'], audience: str(values, 'audience') as Input<'share.gate'>['audience'] });
      if (!gate.ok) {
        const lines = ['Not exported: the share gate refused.'];
        for (const r of gate.recordings) {
          lines.push(`  ${r.recordingId}${r.refusals.length ? `: ${r.refusals.join(', ')}` : ''}`);
          for (const p of r.persons) if (p.verdict === 'refused') lines.push(`    ${p.pseudonym} (${p.personId}): ${p.reasons.join(', ')}`);
        }
        await out(values, { exported: false, gate }, lines.join('\n'));
        return EXIT.INCOMPLETE;
      }
      const r = await call(service, 'share.export', {
        ...(values.videotoets ? { kind: 'videotoets' as const } : {}),
        items,
        purpose: gate.purpose,
        audience: gate.audience,
        expires: str(values, 'expires')!,
        recipients,
        senderName: str(values, 'sender') ?? 'Kluis user',
        permissions: { forward: Boolean(values['allow-forward']), keep: Boolean(values['allow-keep']) },
        ...(str(values, 'watermark') ? { watermark: str(values, 'watermark')! } : {}),
        outPath: resolve(str(values, 'out')!),
      });
      await out(values, r, `${r.path}\n${r.size} bytes, sha256 ${r.sha256}\npackage ${r.packageId}, recorded as ${r.exportId}`);
      return EXIT.OK;
    }
    if (sub === 'handover') {
      only(values, sub, ['to', 'colleague', 'reason', 'out', 'sender']);
      if (rest.length === 0) throw new UsageError('Name the recordings to hand over ("kluis recordings" lists them).');
      const to = list(values, 'to');
      if (to.length !== 1) throw new UsageError('--to takes your colleague\'s share key (age1..., "kluis share key" in their vault prints it), once.');
      for (const x of ['colleague', 'reason', 'out'] as const) if (!str(values, x)) throw new UsageError(`--${x} is required.`);
      const service = await openService(values, session);
      const r = await call(service, 'share.handover', {
        recordingIds: rest.map((t) => parseItem(t).recordingId),
        to: { publicKey: to[0]!, name: str(values, 'colleague')! },
        reason: str(values, 'reason')!,
        senderName: str(values, 'sender') ?? 'Kluis user',
        outPath: resolve(str(values, 'out')!),
      });
      await out(values, r, [
        `${r.path}`,
        `${r.size} bytes, sha256 ${r.sha256}; package ${r.packageId}, read back and checked`,
        `${r.recordingIds.length} recording(s) and ${r.persons} person(s) handed over to ${str(values, 'colleague')}; deleted from this vault: ${r.deleted.join(', ')}`,
        ...r.notDeleted.map((n) => `NOT deleted here: ${n.recordingId}: ${n.message}`),
        'Give the file to your colleague; it is the only copy now. It opens only with their share key (and this vault\'s).',
      ].join('\n'));
      return r.notDeleted.length ? EXIT.INCOMPLETE : EXIT.OK;
    }
    if (sub === 'open') {
      only(values, sub, ['passphrase-file']);
      if (rest.length !== 1) throw new UsageError('Name exactly one package file.');
      const passFile = str(values, 'passphrase-file');
      const passphrase = passFile ? await readSecretFile(passFile, 'passphrase') : undefined;
      const service = await openService(values, session);
      const r = await call(service, 'share.open', { path: resolve(rest[0]!), ...(passphrase !== undefined ? { passphrase } : {}) });
      if (r.kind === 'feedback') {
        await out(values, r, `Feedback from ${r.sender}: ${r.attached} comment(s) attached to ${r.recordingIds.length} recording(s)${r.unmatched ? `, ${r.unmatched} on clips this vault never exported` : ''}.`);
      } else if (r.kind === 'handover') {
        const h = r.handover;
        await out(values, r, [
          `${h.alreadyOpen ? 'Already opened earlier' : 'Handed over'} by ${h.sender} (${h.reason}): ${h.recordingIds.length} recording(s) and ${h.persons} person(s); owner now ${h.owner}, with the duty to delete (U5).`,
          ...h.recordingIds.map((id) => `  ${id}`),
          ...(h.expiredOnArrival.length ? [`Not kept, retention already ended: ${h.expiredOnArrival.join(', ')}`] : []),
        ].join('\n'));
      } else {
        await out(values, r, [r.alreadyOpen ? 'Already opened earlier:' : 'Opened:', ...receivedLines(r.package)].join('\n'));
      }
      return EXIT.OK;
    }
    if (sub === 'ls') {
      only(values, sub, []);
      if (rest.length) throw new UsageError(`share ls takes only options (got "${rest[0]}").`);
      const service = await openService(values, session);
      const received = await call(service, 'share.received', {});
      const exports = await call(service, 'share.exports', {});
      const lines = [
        ...(received.length ? received.flatMap(receivedLines) : ['Nothing received.']),
        ...exports.map((e) => `${e.packageId}  sent  ${e.createdAt.slice(0, 10)}  to ${e.recipients.map((x) => x.name ?? (x.type === 'passphrase' ? 'passphrase' : x.publicKey)).join(', ')}  for ${e.purpose} to ${e.audience}  expires ${e.expiresAt.slice(0, 10)}  ${e.recordingIds.join(',')}`),
      ];
      await out(values, { received, exports }, lines.join('\n'));
      return EXIT.OK;
    }
    if (sub === 'comment') {
      only(values, sub, ['at', 'text']);
      if (rest.length !== 1) throw new UsageError('Name exactly one received clip id ("kluis share ls" lists them).');
      const atSec = Number(str(values, 'at'));
      if (str(values, 'at') === undefined || !Number.isFinite(atSec) || atSec < 0) throw new UsageError('--at must be the time in the clip in seconds, e.g. --at 12.5.');
      const text = str(values, 'text');
      if (!text?.trim()) throw new UsageError('--text must say something.');
      const service = await openService(values, session);
      const c = await call(service, 'share.comment', { clipId: rest[0]!, atSec, text });
      await out(values, c, `${c.id}  ${c.atSec.toFixed(1)} s  ${c.text}`);
      return EXIT.OK;
    }
    throw new UsageError(sub ? `There is no "share ${sub}"; use key, export, handover, open, ls or comment.` : 'Say what to do: share key, share export, share handover, share open, share ls or share comment.');
  },
};
