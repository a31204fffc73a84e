import { z } from 'zod';

// The vocabularies of docs/consent-model.md (core/consent/types.ts holds the same lists; the
// renderer takes only this file's types, so it cannot import core's).
const Role = z.enum(['pupil', 'client', 'patient', 'student', 'teacher', 'other']);
const ConsentHolder = z.enum(['school-protocol', 'other-school', 'self']);
const Purpose = z.enum(['reflection', 'assessment', 'videotoets', 'teaching', 'coaching', 'streaming', 'research']);
const Audience = z.enum(['self', 'supervisor', 'assessor', 'class', 'institution', 'public']);
const Signer = z.enum(['person', 'guardian', 'both']);
const Basis = z.enum(['consent', 'legal-task', 'legitimate-interest']);
const Situation = z.enum(['partner-school', 'other-school', 'outside-school']);
const Presence = z.enum(['seen', 'heard', 'both']);

const PersonId = z.string().regex(/^per_[0-9a-f]{16}$/, 'must be a person id like per_0123456789abcdef');
const ConsentId = z.string().regex(/^con_[0-9a-f]{16}$/, 'must be a consent id like con_0123456789abcdef');
const ObjectionId = z.string().regex(/^obj_[0-9a-f]{16}$/, 'must be an objection id like obj_0123456789abcdef');
const RecordingId = z.string().regex(/^rec_[0-9a-f]{16}$/, 'must be a recording id like rec_0123456789abcdef');
/** a calendar date or a full ISO time */
const When = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
const Text = (max: number) => z.string().trim().min(1).max(max);

export const PersonSchema = z.object({
  id: z.string(),
  pseudonym: z.string(),
  fullName: z.string().nullable(),
  contact: z.string().nullable(),
  role: Role,
  birthYear: z.number().nullable(),
  /** as entered: declared under 16, whatever the birth year says */
  minor: z.boolean(),
  /**
   * derived, never stored: whether the person may be under 16 today, from `minor` or the birth
   * year (the cautious reading the consent gate uses, R2, H1); what the app shows as "may be
   * under 16: a guardian must sign"
   */
  under16: z.boolean(),
  consentHolder: ConsentHolder,
  createdAt: z.string(),
});

const ObjectionSchema = z.object({ id: z.string(), personId: z.string(), purposes: z.array(Purpose), madeAt: z.string(), how: z.string().nullable(), liftedAt: z.string().nullable() });

export const ConsentSchema = z.object({
  id: z.string(),
  personId: z.string(),
  purposes: z.array(Purpose),
  audiences: z.array(Audience),
  signedBy: Signer,
  signedAt: z.string(),
  validUntil: z.string().nullable(),
  formBlobId: z.string().nullable(),
  status: z.enum(['active', 'withdrawn']),
  withdrawnAt: z.string().nullable(),
  withdrawnHow: z.string().nullable(),
});

export const RecordingConsentInfoSchema = z.object({
  recordingId: z.string(),
  purpose: Purpose,
  lawfulBasis: Basis,
  situation: Situation,
  specialCategory: z.boolean(),
  owner: z.string(),
  retentionPreset: z.string(),
  retentionDeadline: z.string(),
  consentArchive: z.string().nullable(),
});

const TimeRange = z.object({ startSec: z.number().min(0), endSec: z.number().min(0) }).strict().refine((r) => r.endSec >= r.startSec, 'endSec must not be before startSec');
const AppearanceSchema = z.object({ recordingId: z.string(), personId: z.string(), presence: Presence, ranges: z.array(z.object({ startSec: z.number(), endSec: z.number() })) });

export const CoverageSchema = z.object({
  recordingId: z.string(),
  purpose: Purpose,
  audience: Audience,
  blockers: z.array(z.enum(['no-purpose', 'special-category', 'past-retention'])),
  persons: z.array(
    z.object({
      personId: z.string(),
      pseudonym: z.string(),
      covered: z.boolean(),
      coveredBy: z.union([z.object({ consentId: z.string() }), z.object({ basis: z.enum(['legal-task', 'legitimate-interest']) })]).nullable(),
      reasons: z.array(z.enum(['no-consent', 'withdrawn', 'expired', 'purpose-not-covered', 'audience-not-covered', 'guardian-required', 'objected'])),
    }),
  ),
  shareable: z.boolean(),
});

const AuditEntrySchema = z.object({
  seq: z.number(),
  at: z.string(),
  action: z.string(),
  subject: z.string().nullable(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  prevHash: z.string(),
  hash: z.string(),
});

const DeletedSchema = z.object({
  recordingId: z.string(),
  deletedAt: z.string(),
  blobs: z.number(),
  persons: z.array(z.string()),
  retentionDeadline: z.string().nullable(),
  auditSeq: z.number(),
});

const DeletionConfirmationSchema = z.object({
  format: z.literal('kluis-deletion-confirmation-v1'),
  generatedAt: z.string(),
  person: z.object({ id: z.string(), pseudonym: z.string(), role: z.string() }),
  withdrawals: z.array(z.object({ consentId: z.string(), withdrawnAt: z.string(), how: z.string().nullable() })),
  objections: z.array(z.object({ objectionId: z.string(), purposes: z.array(Purpose), madeAt: z.string(), liftedAt: z.string().nullable() })),
  deleted: z.array(z.object({ recordingId: z.string(), deletedAt: z.string(), why: z.string(), rule: z.string(), auditSeq: z.number() })),
  remaining: z.array(z.object({ recordingId: z.string(), label: z.string(), why: z.string() })),
  consentsKept: z.array(z.object({ consentId: z.string(), status: z.string(), why: z.string() })),
  audit: z.object({ ok: z.boolean(), entries: z.number(), headHash: z.string().nullable() }),
  statement: z.string(),
});

const DueWithRule = z.object({ recordingId: z.string(), retentionPreset: z.string(), retentionDeadline: z.string(), owner: z.string(), rule: z.string(), label: z.string() });

const RetentionRunSchema = z.object({ at: z.string(), confirmed: z.boolean(), due: z.array(DueWithRule), deleted: z.array(DeletedSchema) });

const SessionPlanInput = z
  .object({
    title: Text(200),
    purpose: Purpose,
    audience: Audience,
    personIds: z.array(PersonId).max(200),
    threeSixty: z.boolean().optional(),
  })
  .strict();

const PlanAdviceSchema = z.object({
  advice: z.enum(['free', 'others-out-of-view', 'only-yourself']),
  threeSixtyAllowed: z.boolean(),
  threeSixtyRefused: z.boolean(),
  persons: z.array(z.object({ personId: z.string(), pseudonym: z.string(), consented: z.boolean() })),
  consented: z.number(),
  total: z.number(),
});

const SessionPlanSchema = PlanAdviceSchema.extend({
  id: z.string(),
  title: z.string(),
  purpose: Purpose,
  audience: Audience,
  personIds: z.array(z.string()),
  threeSixty: z.boolean(),
  createdAt: z.string(),
  recordings: z.array(z.string()),
});

/** People, consent, purposes, appearances, coverage, retention and the audit log (docs/consent-model.md, docs/audit-log.md). */
export const consentContract = {
  'persons.add': {
    input: z
      .object({
        pseudonym: Text(100),
        fullName: Text(200).optional(),
        contact: Text(200).optional(),
        role: Role,
        birthYear: z.number().int().min(1900).max(2100).optional(),
        minor: z.boolean().optional(),
        consentHolder: ConsentHolder,
      })
      .strict(),
    output: PersonSchema,
  },
  'persons.list': { input: z.object({}).strict(), output: z.array(PersonSchema) },
  'persons.get': {
    input: z.object({ id: PersonId }).strict(),
    output: z.object({ person: PersonSchema, consents: z.array(ConsentSchema), objections: z.array(ObjectionSchema), recordings: z.array(z.string()) }),
  },
  /**
   * A2 (GDPR art. 21): the person objects to being recorded for these purposes where a recording
   * rests on legitimate interest; one action, no reason asked. Lists the recordings to cut or redact.
   */
  'objections.add': {
    input: z.object({ personId: PersonId, purposes: z.array(Purpose).min(1).max(7), how: Text(200).optional() }).strict(),
    output: z.object({ objection: ObjectionSchema, affectedRecordings: z.array(z.string()) }),
  },
  'objections.lift': { input: z.object({ id: ObjectionId }).strict(), output: ObjectionSchema },
  'consents.add': {
    input: z
      .object({
        personId: PersonId,
        purposes: z.array(Purpose).min(1).max(7),
        audiences: z.array(Audience).min(1).max(6),
        signedBy: Signer,
        signedAt: When,
        validUntil: When.optional(),
        /** the signed form on this machine (scan, photo, PDF); stored encrypted (R3) */
        formPath: Text(4096).optional(),
      })
      .strict(),
    output: ConsentSchema,
  },
  /** one action, no reason asked (R1); returns every recording the person appears in */
  'consents.withdraw': {
    input: z.object({ id: ConsentId, how: Text(200) }).strict(),
    output: z.object({
      consent: ConsentSchema,
      affectedRecordings: z.array(z.string()),
      /** the whole cascade; redaction (issue 6) and share packages (issue 7) add their kinds */
      affected: z.array(z.object({ kind: z.enum(['recording', 'derived-recording', 'share-package']), id: z.string(), action: z.string() })),
    }),
  },
  /** the signed form, decrypted in memory for a viewer (each view audited); never written to disk by Kluis */
  'consents.form': {
    input: z.object({ id: ConsentId }).strict(),
    output: z.object({ type: z.enum(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'application/pdf', 'application/octet-stream']), dataBase64: z.string(), size: z.number() }),
  },
  'consents.list': { input: z.object({ personId: PersonId.optional() }).strict(), output: z.array(ConsentSchema) },
  'recordings.setPurpose': {
    input: z
      .object({
        recordingId: RecordingId,
        purpose: Purpose,
        lawfulBasis: Basis,
        situation: Situation,
        specialCategory: z.boolean(),
        owner: Text(200),
        retentionPreset: z.string().regex(/^[a-z0-9-]{1,40}$/),
        anchorDate: When.optional(),
        deadline: When.optional(),
        consentArchive: Text(500).optional(),
      })
      .strict(),
    /** needsConsent: who must be asked again for this purpose or deadline (H8) */
    output: z.object({
      info: RecordingConsentInfoSchema,
      needsConsent: z.array(z.object({ personId: z.string(), pseudonym: z.string(), why: z.enum(['purpose-not-consented', 'consent-ends-before-deadline']) })),
    }),
  },
  'recordings.consentInfo': { input: z.object({ recordingId: RecordingId }).strict(), output: RecordingConsentInfoSchema.nullable() },
  'appearances.add': {
    input: z.object({ recordingId: RecordingId, personId: PersonId, presence: Presence, ranges: z.array(TimeRange).max(1000).optional() }).strict(),
    output: AppearanceSchema,
  },
  'appearances.list': { input: z.object({ recordingId: RecordingId }).strict(), output: z.array(AppearanceSchema) },
  'coverage.check': { input: z.object({ recordingId: RecordingId, purpose: Purpose, audience: Audience }).strict(), output: CoverageSchema },
  /** recordings past their deadline at `at` (default now): a later `at` gives the "expiring soon" view */
  'retention.due': {
    input: z.object({ at: When.optional() }).strict(),
    output: z.array(z.object({ recordingId: z.string(), retentionPreset: z.string(), retentionDeadline: z.string(), owner: z.string() })),
  },
  /**
   * Retention enforcement (R7, H7): without confirm, lists what is past its deadline now; with
   * confirm, crypto-shreds each of those recordings (one audited transaction each).
   */
  'retention.run': { input: z.object({ confirm: z.boolean() }).strict(), output: RetentionRunSchema },
  /**
   * What automatic retention (at unlock, then daily) deleted since the user last dismissed it,
   * so nobody is surprised; `dismiss` clears it once the notice has been read.
   */
  'retention.autoRuns': {
    input: z.object({ dismiss: z.boolean().optional() }).strict(),
    output: z.array(RetentionRunSchema.extend({ trigger: z.enum(['unlock', 'daily']) })),
  },
  /** the library's badge: one glance per recording against its own purpose (covered, needs attention, blocked) */
  'coverage.summaries': {
    input: z.object({ recordingIds: z.array(RecordingId).max(500) }).strict(),
    output: z.array(
      z.object({
        recordingId: z.string(),
        status: z.enum(['covered', 'attention', 'blocked']),
        blockers: z.array(z.enum(['special-category', 'past-retention'])),
        noPurpose: z.boolean(),
        uncovered: z.array(z.string()),
        persons: z.number(),
      }),
    ),
  },
  /** H3 camera advice for a session not yet recorded (R4); nothing stored */
  'sessionPlans.advise': { input: SessionPlanInput.extend({ title: Text(200).optional() }), output: PlanAdviceSchema },
  'sessionPlans.create': { input: SessionPlanInput, output: SessionPlanSchema },
  'sessionPlans.list': { input: z.object({}).strict(), output: z.array(SessionPlanSchema) },
  /** a recording made from a plan: linked to it, the planned people marked as appearing */
  'sessionPlans.attach': { input: z.object({ planId: z.string().regex(/^pln_[0-9a-f]{16}$/, 'must be a plan id like pln_0123456789abcdef'), recordingId: RecordingId }).strict(), output: SessionPlanSchema },
  /** after a withdrawal (R7, U4) or an objection (A2): deletes the person's recordings; redaction (issue 6) is the other way out */
  'recordings.delete': {
    input: z.object({ recordingId: RecordingId, why: z.enum(['withdrawal', 'objection', 'user']), rule: z.string().regex(/^[A-Za-z0-9:-]{1,40}$/), personId: PersonId.optional() }).strict(),
    output: DeletedSchema,
  },
  /** the deletion confirmation for a person (R7, U4): JSON, and the same as a PDF */
  'reports.deletion': { input: z.object({ personId: PersonId }).strict(), output: DeletionConfirmationSchema },
  'reports.deletionPdf': { input: z.object({ personId: PersonId }).strict(), output: z.object({ pdfBase64: z.string() }) },
  /** the breach inventory (R8) as a PDF */
  'reports.breachPdf': { input: z.object({}).strict(), output: z.object({ pdfBase64: z.string() }) },
  'retention.presets': {
    input: z.object({}).strict(),
    output: z.array(z.object({ id: z.string(), label: z.string(), rule: z.string(), from: z.enum(['recorded', 'anchor', 'school-year-end', 'explicit']), anchor: z.string().optional() })),
  },
  /** what was in the vault, for a lost or stolen device (R8) */
  'reports.breach': {
    input: z.object({}).strict(),
    output: z.object({
      generatedAt: z.string(),
      encrypted: z.literal(true),
      recordings: z.array(
        z.object({
          id: z.string(),
          label: z.string(),
          capturedAt: z.string().nullable(),
          purpose: Purpose.nullable(),
          lawfulBasis: Basis.nullable(),
          specialCategory: z.boolean(),
          owner: z.string().nullable(),
          persons: z.array(z.object({ personId: z.string(), pseudonym: z.string(), role: z.string(), under16: z.boolean() })),
        }),
      ),
      totals: z.object({ recordings: z.number(), persons: z.number(), under16: z.number(), specialCategory: z.number() }),
      notes: z.array(z.string()),
    }),
  },
  'audit.verify': { input: z.object({}).strict(), output: z.object({ ok: z.boolean(), entries: z.number(), problems: z.array(z.object({ seq: z.number(), problem: z.string() })) }) },
  'audit.export': {
    input: z.object({}).strict(),
    output: z.object({
      format: z.literal('kluis-audit-v1'),
      exportedAt: z.string(),
      head: z.object({ seq: z.number(), hash: z.string() }).nullable(),
      verdict: z.object({ ok: z.boolean(), entries: z.number(), problems: z.array(z.object({ seq: z.number(), problem: z.string() })) }),
      entries: z.array(AuditEntrySchema),
    }),
  },
  'audit.list': { input: z.object({ subject: z.string().max(100).optional(), limit: z.number().int().min(1).max(10000).optional() }).strict(), output: z.array(AuditEntrySchema) },
} as const;
