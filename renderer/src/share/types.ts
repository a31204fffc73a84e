import type { Output } from '../../../electron/core/api/contract';

export type Gate = Output<'share.gate'>;
export type Received = Output<'share.received'>[number];
export type ExportRecord = Output<'share.exports'>[number];
export type Comment = Output<'share.comments'>[number];
export type Handover = Output<'share.handover'>;
export type PersonCopyOption = Output<'share.personCopyOptions'>[number];
export type PersonCopy = Output<'share.personCopy'>;
export type Manifest = Received['manifest'];

export { AUDIENCES, PURPOSES, type Audience, type Purpose } from '../people/vocab';

/** share errors have their own translations under share.errors */
export const SHARE_ERRORS: Record<string, string> = Object.fromEntries(
  ['WRONG_PASSPHRASE', 'NO_MATCHING_KEY', 'DAMAGED', 'TRUNCATED', 'NOT_AGE', 'UNSUPPORTED', 'WORK_FACTOR_TOO_HIGH', 'BAD_RECIPIENT', 'BAD_KEY', 'BAD_TAR', 'UNSAFE_NAME', 'TOO_LARGE', 'GATE_REFUSED', 'EXPIRED', 'NOT_ALLOWED', 'CHECKSUM_MISMATCH', 'MANIFEST_INVALID'].map((c) => [c, `share.errors.${c}`]),
);

/** One clip of a videotoets: a recording, or the part of it between in and out (seconds). */
export interface PlaylistItem {
  key: string;
  recordingId: string;
  label: string;
  inSec?: number;
  outSec?: number;
}
