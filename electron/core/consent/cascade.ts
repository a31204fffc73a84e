import type { Vault } from '../vault';
import { ready } from './ready';

/**
 * What a withdrawal touches (R7, U4, A3). Recordings the person appears in come from here;
 * derived recordings (redaction, issue 6) and share packages (issue 7) are known only to those
 * capabilities, so they add their own entries with registerWithdrawalCascade from their side
 * (consent must not import them: they build on consent).
 */
export interface AffectedItem {
  kind: 'recording' | 'derived-recording' | 'share-package';
  id: string;
  /** what must happen, in a few words: delete or redact, revoke, ... */
  action: string;
}

export type CascadeSource = (vault: Vault, personId: string) => AffectedItem[];

const sources: CascadeSource[] = [
  (vault, personId) =>
    (ready(vault).catalog.prepare('SELECT recording_id FROM appearances WHERE person_id = ? ORDER BY recording_id').all(personId) as { recording_id: string }[]).map((r) => ({
      kind: 'recording',
      id: r.recording_id,
      action: 'delete or redact',
    })),
];

/** For redact and share: adds the items they hold for a person to every withdrawal's list. */
export function registerWithdrawalCascade(source: CascadeSource): void {
  if (!sources.includes(source)) sources.push(source);
}

/** Everything a person's withdrawal touches, recordings first, then what other capabilities added. */
export function withdrawalCascade(vault: Vault, personId: string): AffectedItem[] {
  return sources.flatMap((s) => s(vault, personId));
}
