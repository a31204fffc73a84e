import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AUDIENCES, BASES, PURPOSES, SIGNERS } from '../consent';
import { ShareError } from './errors';
import { HandoverSchema } from './handover/manifest';
import { AgePublicKey, IsoTime, Sha256, TarName, Text } from './manifest-atoms';

/**
 * manifest.json, schema v1 (docs/share-package.md, "Manifest"). Every object is strict: a
 * package that carries a field we do not know was made by something we did not test against,
 * and a reader that ignores fields could miss a restriction the sender meant to impose.
 */
export const MANIFEST_FILE = 'manifest.json';


const Edit = z
  .object({
    /** what was done to the original: cut (only [fromSec, toSec] kept, or removed), blur, mute, ... (B1) */
    op: z.enum(['cut', 'keep', 'blur', 'pixelate', 'solid', 'mute', 'bleep', 'other']),
    fromSec: z.number().min(0),
    toSec: z.number().min(0),
    /** pseudonym of the person a blur is for, or a short note; never a name (R10) */
    note: z.string().max(200).optional(),
  })
  .strict();

const PersonBasis = z
  .object({
    pseudonym: Text(80),
    /** how this person is covered for the package's purpose and audience */
    basis: z.enum([...BASES, 'redacted']),
    signedBy: z.enum(SIGNERS).optional(),
  })
  .strict();

const Clip = z
  .object({
    file: TarName,
    title: Text(200),
    durationSec: z.number().min(0),
    mime: z.string().regex(/^(video|audio)\/[a-z0-9.+-]+$/),
    size: z.number().int().min(0),
    sha256: Sha256,
    poster: z.object({ file: TarName, sha256: Sha256, size: z.number().int().min(0) }).strict().optional(),
    /** videotoets: the part of the source this clip is (already cut to it) */
    inSec: z.number().min(0).optional(),
    outSec: z.number().min(0).optional(),
    /** disclosure of every edit between the original recording and this clip (B1) */
    edits: z.array(Edit),
    persons: z.array(PersonBasis),
  })
  .strict()
  .refine((c) => c.inSec === undefined || c.outSec === undefined || c.outSec > c.inSec, 'outSec must be after inSec');

const Recipient = z.discriminatedUnion('type', [
  z.object({ type: z.literal('x25519'), publicKey: AgePublicKey, name: Text(120).optional() }).strict(),
  z.object({ type: z.literal('passphrase'), name: Text(120).optional() }).strict(),
]);

const FeedbackComment = z
  .object({ clipSha256: Sha256, atSec: z.number().min(0), text: Text(4000), writtenAt: IsoTime })
  .strict();

export const ManifestSchema = z
  .object({
    format: z.literal('kluis-share'),
    version: z.literal(1),
    id: z.string().regex(/^pkg_[0-9a-f]{16}$/),
    kind: z.enum(['share', 'feedback', 'videotoets', 'handover']),
    created: IsoTime,
    /** after this instant the package does not open, and what was opened is deleted */
    expires: IsoTime,
    sender: z.object({ name: Text(120), publicKey: AgePublicKey.optional() }).strict(),
    recipients: z.array(Recipient).min(1),
    purpose: z.enum(PURPOSES),
    audience: z.enum(AUDIENCES),
    permissions: z.object({ keep: z.boolean(), forward: z.boolean(), deleteAtExpiry: z.boolean() }).strict(),
    watermark: Text(120).optional(),
    clips: z.array(Clip),
    /** kind 'feedback' only: comments on clips the sender of this package received */
    feedback: z.array(FeedbackComment).optional(),
    /** kind 'handover' only: recordings, persons and consents whose ownership moves (U5) */
    handover: HandoverSchema.optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (Date.parse(m.expires) <= Date.parse(m.created)) ctx.addIssue({ code: 'custom', path: ['expires'], message: 'must be after created' });
    if (m.kind === 'feedback' && !m.feedback) ctx.addIssue({ code: 'custom', path: ['feedback'], message: 'is required for kind feedback' });
    if (m.kind !== 'feedback' && m.kind !== 'handover' && m.clips.length === 0) ctx.addIssue({ code: 'custom', path: ['clips'], message: 'must hold at least one clip' });
    if (m.kind === 'handover' && (!m.handover || m.clips.length > 0)) ctx.addIssue({ code: 'custom', path: ['handover'], message: 'is required for kind handover, and its files travel there, not in clips' });
    if (m.kind !== 'handover' && m.handover) ctx.addIssue({ code: 'custom', path: ['handover'], message: 'is only allowed in kind handover' });
    if (m.kind !== 'feedback' && m.feedback) ctx.addIssue({ code: 'custom', path: ['feedback'], message: 'is only allowed in kind feedback' });
    const files = m.clips.flatMap((c) => [c.file, ...(c.poster ? [c.poster.file] : [])]);
    if (new Set(files).size !== files.length) ctx.addIssue({ code: 'custom', path: ['clips'], message: 'name the same file twice' });
  });

export type Manifest = z.infer<typeof ManifestSchema>;
export type ManifestClip = Manifest['clips'][number];
export type ManifestEdit = z.infer<typeof Edit>;
export type ManifestPerson = z.infer<typeof PersonBasis>;
export type ManifestRecipient = z.infer<typeof Recipient>;
export type FeedbackEntry = z.infer<typeof FeedbackComment>;

const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** Strict parse of manifest.json's bytes; MANIFEST_INVALID names the first few problems. */
export function parseManifest(bytes: Buffer): Manifest {
  if (bytes.length > MAX_MANIFEST_BYTES) throw new ShareError('MANIFEST_INVALID', `The package's manifest is ${bytes.length} bytes, more than a manifest can be; the package was not made by Kluis or is damaged.`);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new ShareError('MANIFEST_INVALID', `The package's manifest is not JSON (${(e as Error).message}); ask the sender for a new package.`, { cause: e });
  }
  const r = ManifestSchema.safeParse(json);
  if (!r.success) {
    const what = r.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'manifest'} ${i.message}`).join('; ');
    throw new ShareError('MANIFEST_INVALID', `The package's manifest is not valid: ${what}. Ask the sender for a new package made with a current Kluis.`);
  }
  return r.data;
}

/** A new package's id: `pkg_` and 16 random hex digits (ManifestSchema's `id`). */
export const newPackageId = (): string => `pkg_${randomBytes(8).toString('hex')}`;

/** The tar's first entry: the manifest's bytes (docs/share-package.md, "The archive inside"). */
export function manifestEntry(bytes: Buffer): { name: string; size: number; body: AsyncIterable<Buffer> } {
  return { name: MANIFEST_FILE, size: bytes.length, body: (async function* () { yield bytes; })() };
}

export function serializeManifest(m: Manifest): Buffer {
  // Validate our own output too: a package we cannot open ourselves must never leave.
  return Buffer.from(JSON.stringify(ManifestSchema.parse(m), null, 2) + '\n', 'utf8');
}
