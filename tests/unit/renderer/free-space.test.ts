import { describe, expect, it } from 'vitest';
import { canOfferFreeSpace, freeSpaceFigures } from '../../../renderer/src/screens/import/freeSpace';
import type { ImportReport } from '../../../renderer/src/screens/import/types';

function report(outcomes: ImportReport['units'][number]['outcome'][], wipedFiles: number, wipeRequested = true): ImportReport {
  return {
    importId: 'im_0000000000000000',
    sourceRoot: '/media/CARD',
    sourceLabel: 'CARD',
    startedAt: '2026-01-01T10:00:00Z',
    finishedAt: '2026-01-01T10:01:00Z',
    wipeRequested,
    units: outcomes.map((outcome, i) => ({ recordingId: null, label: `U${i}`, layout: 'dcf', outcome, files: [] })),
    ignored: [],
    totals: { units: outcomes.length, verified: 0, alreadyInVault: 0, failed: 0, bytes: 0, wipedFiles },
    wipeNote: '',
    cacheBypassed: true,
    cacheNote: '',
    ok: true,
  };
}

describe('when the report offers to overwrite the card free space', () => {
  it('after a full import that wiped: every unit verified or already in the vault', () => {
    expect(canOfferFreeSpace(report(['verified', 'already-in-vault'], 3), false)).toBe(true);
  });

  it('not when something is still only on the card, nothing was wiped, or the import failed', () => {
    expect(canOfferFreeSpace(report(['verified', 'failed'], 3), false)).toBe(false);
    expect(canOfferFreeSpace(report(['verified', 'cancelled'], 3), false)).toBe(false);
    expect(canOfferFreeSpace(report(['verified'], 0), false)).toBe(false);
    expect(canOfferFreeSpace(report(['verified'], 3, false), false)).toBe(false);
    expect(canOfferFreeSpace(report(['verified'], 3), true)).toBe(false);
    expect(canOfferFreeSpace(null, false)).toBe(false);
  });
});

describe('free-space progress figures', () => {
  it('fraction, average rate and time left from bytes and elapsed time', () => {
    expect(freeSpaceFigures(25e6, 100e6, 1000)).toEqual({ fraction: 0.25, rate: 25e6, etaSeconds: 3 });
  });

  it('nothing to show before the first event, and no fraction above 1 when the file system lets a little more in', () => {
    expect(freeSpaceFigures(0, null, 0)).toEqual({ fraction: null, rate: null, etaSeconds: null });
    expect(freeSpaceFigures(110e6, 100e6, 1000)).toMatchObject({ fraction: 1, etaSeconds: 0 });
  });
});
