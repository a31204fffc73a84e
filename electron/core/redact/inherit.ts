import { addAppearance, findPreset, getRecordingInfo, listAppearances, setRecordingPurpose } from '../consent';
import type { Vault } from '../vault';
import { rangeToOutput, type TimeRange } from './plan';

/**
 * The derivative shows the same people for the same purpose, so it takes the source's purpose,
 * basis and retention, and its appearances with their times moved by the cuts. Coverage, the
 * retention run and the withdrawal cascade then see it like any recording; redactedPersons says
 * who in it cannot be recognised.
 */
export function inheritConsent(vault: Vault, sourceId: string, derivedId: string, cuts: readonly TimeRange[], now: Date): void {
  const info = getRecordingInfo(vault, sourceId);
  if (info) {
    const preset = findPreset(info.retentionPreset);
    const deadline = new Date(info.retentionDeadline);
    // An anchored preset counts from a date the source was given; the same deadline comes back from deadline - duration.
    const anchor = new Date(deadline.getTime());
    anchor.setUTCFullYear(anchor.getUTCFullYear() - (preset.duration.years ?? 0));
    anchor.setUTCMonth(anchor.getUTCMonth() - (preset.duration.months ?? 0));
    anchor.setUTCDate(anchor.getUTCDate() - 7 * (preset.duration.weeks ?? 0));
    setRecordingPurpose(
      vault,
      {
        recordingId: derivedId,
        purpose: info.purpose,
        lawfulBasis: info.lawfulBasis,
        situation: info.situation,
        specialCategory: info.specialCategory,
        owner: info.owner,
        retentionPreset: info.retentionPreset,
        consentArchive: info.consentArchive,
        ...(preset.from === 'anchor' ? { anchorDate: anchor.toISOString() } : {}),
        ...(preset.from === 'explicit' ? { deadline: info.retentionDeadline } : {}),
      },
      now,
    );
  }
  for (const a of listAppearances(vault, sourceId)) {
    const ranges = a.ranges.flatMap((r) => rangeToOutput({ start: r.startSec, end: r.endSec }, cuts).map((o) => ({ startSec: o.start, endSec: o.end })));
    // Someone seen only inside the cuts is not in the derivative at all.
    if (a.ranges.length > 0 && ranges.length === 0) continue;
    addAppearance(vault, { recordingId: derivedId, personId: a.personId, presence: a.presence, ranges }, now);
  }
}
