import { z } from 'zod';
import { AUDIENCES, BASES, CONSENT_HOLDERS, PRESENCE, PURPOSES, ROLES, SIGNERS, SITUATIONS } from '../../consent';
import { HandoverName, IsoTime, Sha256, Text } from '../manifest-atoms';

/**
 * manifest.json's `handover` section (docs/share-package.md, "Handover to a colleague"): what
 * the new owner needs to carry the duty to delete (U5). Strict like the rest of the manifest.
 * Ids of this vault never travel: `ref`s tie persons, recordings and derivatives together.
 */
const Ref = (prefix: 'r' | 'p') => z.string().regex(new RegExp(`^${prefix}[1-9][0-9]{0,5}$`), `must be ${prefix}1, ${prefix}2, ...`);
/** where the file sat on the card, as the sender's import recorded it: relative, no dot-dot */
const RelPath = Text(1024).refine((p) => !p.startsWith('/') && !p.includes('\\') && p.split('/').every((c) => c !== '' && c !== '.' && c !== '..'), 'must be a relative path without . or .. parts');
const Entry = z.object({ file: HandoverName, size: z.number().int().min(0), sha256: Sha256 }).strict();

const Info = z
  .object({
    purpose: z.enum(PURPOSES),
    lawfulBasis: z.enum(BASES),
    situation: z.enum(SITUATIONS),
    specialCategory: z.boolean(),
    retentionPreset: Text(80),
    retentionDeadline: IsoTime,
    consentArchive: Text(500).optional(),
  })
  .strict();

const Recording = z
  .object({
    ref: Ref('r'),
    title: Text(200),
    layout: z.string().regex(/^[a-z0-9-]{1,32}$/),
    capturedAt: IsoTime.optional(),
    importedAt: IsoTime,
    /** a redacted version: the ref of the recording it was rendered from */
    derivedFrom: Ref('r').optional(),
    info: Info.optional(),
    files: z.array(Entry.extend({ relPath: RelPath, role: z.enum(['main', 'chapter', 'edit', 'sidecar', 'tree']) }).strict()).min(1),
    appearances: z.array(
      z.object({ person: Ref('p'), presence: z.enum(PRESENCE), ranges: z.array(z.object({ startSec: z.number().min(0), endSec: z.number().min(0) }).strict()) }).strict(),
    ),
  })
  .strict();

const Consent = z
  .object({
    purposes: z.array(z.enum(PURPOSES)).min(1),
    audiences: z.array(z.enum(AUDIENCES)).min(1),
    signedBy: z.enum(SIGNERS),
    signedAt: Text(40),
    validUntil: Text(40).optional(),
    status: z.enum(['active', 'withdrawn']),
    withdrawnAt: IsoTime.optional(),
    withdrawnHow: Text(500).optional(),
    form: Entry.optional(),
  })
  .strict();

const Person = z
  .object({
    ref: Ref('p'),
    pseudonym: Text(80),
    fullName: Text(200).optional(),
    contact: Text(500).optional(),
    role: z.enum(ROLES),
    birthYear: z.number().int().min(1900).max(2200).optional(),
    minor: z.boolean(),
    consentHolder: z.enum(CONSENT_HOLDERS),
    consents: z.array(Consent),
  })
  .strict();

export const HandoverSchema = z
  .object({
    to: z.object({ name: Text(120) }).strict(),
    reason: Text(500),
    recordings: z.array(Recording).min(1),
    persons: z.array(Person),
  })
  .strict()
  .superRefine((h, ctx) => {
    const recs = new Set(h.recordings.map((r) => r.ref));
    const persons = new Set(h.persons.map((p) => p.ref));
    if (recs.size !== h.recordings.length) ctx.addIssue({ code: 'custom', path: ['recordings'], message: 'name the same ref twice' });
    if (persons.size !== h.persons.length) ctx.addIssue({ code: 'custom', path: ['persons'], message: 'name the same ref twice' });
    for (const [i, r] of h.recordings.entries()) {
      if (r.derivedFrom !== undefined && (!recs.has(r.derivedFrom) || r.derivedFrom === r.ref)) ctx.addIssue({ code: 'custom', path: ['recordings', i, 'derivedFrom'], message: 'must name another recording of this handover' });
      if (r.derivedFrom === undefined && !r.info) ctx.addIssue({ code: 'custom', path: ['recordings', i, 'info'], message: 'is required on an original (U5: retention is set in advance)' });
      for (const a of r.appearances) if (!persons.has(a.person)) ctx.addIssue({ code: 'custom', path: ['recordings', i, 'appearances'], message: `name ${a.person}, who is not in persons` });
    }
    const names = [...h.recordings.flatMap((r) => r.files.map((f) => f.file)), ...h.persons.flatMap((p) => p.consents.flatMap((c) => (c.form ? [c.form.file] : [])))];
    if (new Set(names).size !== names.length) ctx.addIssue({ code: 'custom', path: ['recordings'], message: 'name the same file twice' });
  });

export type Handover = z.infer<typeof HandoverSchema>;
export type HandoverRecording = Handover['recordings'][number];
export type HandoverPerson = Handover['persons'][number];
