import { z } from 'zod';

// The vocabularies of docs/consent-model.md again: the renderer takes only this file's types.
const Purpose = z.enum(['reflection', 'assessment', 'videotoets', 'teaching', 'coaching', 'streaming', 'research']);
const Audience = z.enum(['self', 'supervisor', 'assessor', 'class', 'institution', 'public']);
const RecordingId = z.string().regex(/^rec_[0-9a-f]{16}$/, 'must be a recording id like rec_0123456789abcdef');
const ReceivedId = z.string().regex(/^rcv_[0-9a-f]{16}$/, 'must be a received package id like rcv_0123456789abcdef');
const ClipId = z.string().regex(/^rcl_[0-9a-f]{16}$/, 'must be a received clip id like rcl_0123456789abcdef');
const PersonId = z.string().regex(/^per_[0-9a-f]{16}$/, 'must be a person id like per_0123456789abcdef');
const AgeKey = z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/, 'must be a share key (age1... as "kluis share key" prints it)');
const Path = z.string().min(1).max(4096);
const Text = (max: number) => z.string().trim().min(1).max(max);
/** a calendar date (the end of that day, UTC) or a full ISO time */
const When = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
const Seconds = z.number().min(0).max(7 * 24 * 3600);

const Recipient = z.discriminatedUnion('type', [
  z.object({ type: z.literal('x25519'), publicKey: AgeKey, name: Text(120).optional() }).strict(),
  z.object({ type: z.literal('passphrase'), passphrase: z.string().min(12, 'must be at least 12 characters').max(1024), name: Text(120).optional() }).strict(),
]);
const ManifestRecipient = z.object({ type: z.enum(['x25519', 'passphrase']), publicKey: z.string().optional(), name: z.string().optional() });

const GateSchema = z.object({
  purpose: Purpose,
  audience: Audience,
  ok: z.boolean(),
  recordings: z.array(
    z.object({
      recordingId: z.string(),
      refusals: z.array(z.enum(['no-purpose', 'special-category', 'past-retention', 'undecided-tracks', 'not-found'])),
      undecidedTracks: z.number(),
      ok: z.boolean(),
      persons: z.array(
        z.object({
          personId: z.string(),
          pseudonym: z.string(),
          verdict: z.enum(['covered', 'redacted', 'refused']),
          basis: z.enum(['consent', 'legal-task', 'legitimate-interest', 'redacted']).nullable(),
          consentId: z.string().nullable(),
          reasons: z.array(z.enum(['no-consent', 'withdrawn', 'expired', 'purpose-not-covered', 'audience-not-covered', 'guardian-required', 'objected'])),
        }),
      ),
    }),
  ),
});

/** What the reviewer is shown plainly before watching: purpose, expiry, sender, who is in it and what was cut. */
const ManifestView = z.object({
  id: z.string(),
  kind: z.enum(['share', 'feedback', 'videotoets', 'handover']),
  created: z.string(),
  expires: z.string(),
  sender: z.object({ name: z.string(), publicKey: z.string().optional() }),
  recipients: z.array(ManifestRecipient),
  purpose: Purpose,
  audience: Audience,
  permissions: z.object({ keep: z.boolean(), forward: z.boolean(), deleteAtExpiry: z.boolean() }),
  watermark: z.string().optional(),
  clips: z.array(
    z.object({
      file: z.string(),
      title: z.string(),
      durationSec: z.number(),
      sha256: z.string(),
      inSec: z.number().optional(),
      outSec: z.number().optional(),
      edits: z.array(z.object({ op: z.string(), fromSec: z.number(), toSec: z.number(), note: z.string().optional() })),
      persons: z.array(z.object({ pseudonym: z.string(), basis: z.string(), signedBy: z.string().optional() })),
    }),
  ),
});

const ReceivedSchema = z.object({
  id: z.string(),
  packageId: z.string(),
  kind: z.string(),
  sender: z.string(),
  purpose: z.string(),
  audience: z.string(),
  expiresAt: z.string(),
  openedAt: z.string(),
  mayKeep: z.boolean(),
  mayForward: z.boolean(),
  manifest: ManifestView,
  clips: z.array(
    z.object({ id: z.string(), position: z.number(), title: z.string(), durationSec: z.number(), mime: z.string(), sha256: z.string(), size: z.number(), hasPoster: z.boolean(), inSec: z.number().nullable(), outSec: z.number().nullable() }),
  ),
});

const ExportRecordSchema = z.object({
  id: z.string(),
  packageId: z.string(),
  kind: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  purpose: z.string(),
  audience: z.string(),
  recipients: z.array(ManifestRecipient),
  fileName: z.string(),
  packageSha256: z.string(),
  packageSize: z.number(),
  recordingIds: z.array(z.string()),
  personIds: z.array(z.string()),
});

const HandoverReceivedSchema = z.object({
  packageId: z.string(),
  sender: z.string(),
  reason: z.string(),
  owner: z.string(),
  recordingIds: z.array(z.string()),
  expiredOnArrival: z.array(z.string()),
  persons: z.number(),
  alreadyOpen: z.boolean(),
});

const CommentSchema = z.object({ id: z.string(), clipId: z.string(), atSec: z.number(), text: z.string(), createdAt: z.string() });
const PackageFile = z.object({ path: z.string(), size: z.number(), sha256: z.string() });

/** The share capability's methods (docs/share-package.md, "Flows"). */
export const shareContract = {
  /** creates this vault's share key on first use; the public half is safe to give to anyone */
  'share.key': { input: z.object({ qr: z.boolean().optional() }).strict(), output: z.object({ publicKey: z.string(), qr: z.string().optional() }) },
  'share.gate': { input: z.object({ recordingIds: z.array(RecordingId).min(1).max(200), purpose: Purpose, audience: Audience }).strict(), output: GateSchema },
  'share.export': {
    input: z
      .object({
        kind: z.enum(['share', 'videotoets']).optional(),
        items: z
          .array(z.object({ recordingId: RecordingId, title: Text(200).optional(), inSec: Seconds.optional(), outSec: Seconds.optional() }).strict())
          .min(1)
          .max(200),
        purpose: Purpose,
        audience: Audience,
        expires: When,
        recipients: z.array(Recipient).min(1).max(20),
        senderName: Text(120),
        permissions: z.object({ keep: z.boolean().optional(), forward: z.boolean().optional() }).strict().optional(),
        watermark: Text(120).optional(),
        outPath: Path,
      })
      .strict(),
    output: PackageFile.extend({ exportId: z.string(), packageId: z.string(), gate: GateSchema }),
  },
  /**
   * the register of packages that left (R7), narrowed to a recording or a person; withDerivatives
   * adds the packages of the recording's redacted derivatives (what its deletion leaves out there)
   */
  'share.exports': { input: z.object({ recordingId: RecordingId.optional(), personId: PersonId.optional(), withDerivatives: z.boolean().optional() }).strict(), output: z.array(ExportRecordSchema) },
  'share.open': {
    input: z.object({ path: Path, passphrase: z.string().min(1).max(1024).optional() }).strict(),
    output: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('received'), alreadyOpen: z.boolean(), package: ReceivedSchema }),
      z.object({ kind: z.literal('feedback'), packageId: z.string(), sender: z.string(), attached: z.number(), unmatched: z.number(), recordingIds: z.array(z.string()) }),
      z.object({ kind: z.literal('handover'), handover: HandoverReceivedSchema }),
    ]),
  },
  /**
   * ownership and the duty to delete move to a colleague (U5): the recordings (with their redacted
   * versions, consent records and forms) go into a package for the colleague's share key, which is
   * read back before they are deleted here
   */
  'share.handover': {
    input: z
      .object({
        recordingIds: z.array(RecordingId).min(1).max(200),
        to: z.object({ publicKey: AgeKey, name: Text(120) }).strict(),
        reason: Text(500),
        senderName: Text(120),
        outPath: Path,
      })
      .strict(),
    output: PackageFile.extend({ exportId: z.string(), packageId: z.string(), recordingIds: z.array(z.string()), deleted: z.array(z.string()), notDeleted: z.array(z.object({ recordingId: z.string(), message: z.string() })), persons: z.number() }),
  },
  /** what a person may get a copy of on request (B1): the recordings they are in and their redacted versions */
  'share.personCopyOptions': {
    input: z.object({ personId: PersonId }).strict(),
    output: z.array(z.object({ recordingId: z.string(), label: z.string(), capturedAt: z.string().nullable(), bytes: z.number(), derivedFrom: z.string().nullable(), others: z.array(z.string()) })),
  },
  /**
   * the person's copy (B1): a password-protected zip any unzip tool with AES opens; the password
   * comes back once and is kept nowhere
   */
  'share.personCopy': {
    input: z.object({ personId: PersonId, recordingIds: z.array(RecordingId).min(1).max(200), outPath: Path, othersConfirmed: z.boolean().optional() }).strict(),
    output: PackageFile.extend({ password: z.string(), files: z.array(z.object({ name: z.string(), size: z.number(), sha256: z.string(), recordingId: z.string() })) }),
  },
  /** only when the sender allowed it; the forwarded package cannot be forwarded again */
  'share.forward': {
    input: z.object({ receivedId: ReceivedId, recipients: z.array(Recipient).min(1).max(20), forwarderName: Text(120), outPath: Path }).strict(),
    output: PackageFile.extend({ packageId: z.string() }),
  },
  'share.received': { input: z.object({}).strict(), output: z.array(ReceivedSchema) },
  'share.deleteReceived': { input: z.object({ id: ReceivedId }).strict(), output: z.object({ deleted: z.string() }) },
  'share.comment': { input: z.object({ clipId: ClipId, atSec: Seconds, text: Text(4000) }).strict(), output: CommentSchema },
  'share.comments': { input: z.object({ clipId: ClipId }).strict(), output: z.array(CommentSchema) },
  'share.exportFeedback': { input: z.object({ receivedId: ReceivedId, reviewerName: Text(120), outPath: Path }).strict(), output: PackageFile.extend({ comments: z.number() }) },
  /** comments that came back on a recording, for its timeline */
  'share.feedback': {
    input: z.object({ recordingId: RecordingId }).strict(),
    output: z.array(z.object({ id: z.string(), atSec: z.number(), text: z.string(), author: z.string(), writtenAt: z.string(), packageId: z.string() })),
  },
} as const;
