/**
 * The handover section of manifest.json (docs/share-package.md, "Handover to a colleague"):
 * strict like the rest, and every cross-reference checked before a byte is stored (U5).
 */
import { describe, expect, it } from 'vitest';
import { parseManifest, serializeManifest, type Manifest } from '../../electron/core/share';
import { KEY, problem } from './manifest-problem';

const SHA = 'b'.repeat(64);

const valid = (): Manifest => ({
  format: 'kluis-share',
  version: 1,
  id: 'pkg_0123456789abcdef',
  kind: 'handover',
  created: '2026-04-01T12:00:00.000Z',
  expires: '2027-04-01T00:00:00.000Z',
  sender: { name: 'Student A', publicKey: KEY },
  recipients: [{ type: 'x25519', publicKey: KEY, name: 'B. Colleague' }],
  purpose: 'reflection',
  audience: 'self',
  permissions: { keep: true, forward: false, deleteAtExpiry: false },
  clips: [],
  handover: {
    to: { name: 'B. Colleague' },
    reason: 'graduated',
    recordings: [
      {
        ref: 'r1', title: 'Les 3', layout: 'dcf', importedAt: '2026-03-01T10:00:00.000Z',
        info: { purpose: 'reflection', lawfulBasis: 'consent', situation: 'outside-school', specialCategory: false, retentionPreset: 'assessment-evidence', retentionDeadline: '2027-04-01T00:00:00.000Z' },
        files: [{ file: 'files/1', relPath: 'DCIM/100CANON/MVI_0001.MP4', role: 'main', size: 10, sha256: SHA }],
        appearances: [{ person: 'p1', presence: 'both', ranges: [] }],
      },
      { ref: 'r2', title: 'Les 3 (redacted)', layout: 'derived', importedAt: '2026-03-02T10:00:00.000Z', derivedFrom: 'r1', files: [{ file: 'files/2', relPath: 'redacted.mp4', role: 'main', size: 9, sha256: SHA }], appearances: [] },
    ],
    persons: [{ ref: 'p1', pseudonym: 'J.K.', role: 'pupil', minor: false, consentHolder: 'self', consents: [{ purposes: ['reflection'], audiences: ['supervisor'], signedBy: 'person', signedAt: '2026-03-01', status: 'active', form: { file: 'forms/1', size: 3, sha256: SHA } }] }],
  },
});

const change = (f: (m: Manifest) => void): Manifest => {
  const m = valid();
  f(m);
  return m;
};

describe('handover manifest (U5)', () => {
  it('round-trips what handOver writes', () => {
    expect(parseManifest(serializeManifest(valid()))).toEqual(valid());
  });

  it('refuses what would mislead or escape: each problem named', () => {
    expect(problem(change((m) => (m.handover!.recordings[0]!.files[0]!.relPath = '../../etc/passwd')))).toContain('relPath must be a relative path');
    expect(problem(change((m) => (m.handover!.recordings[0]!.files[0]!.relPath = '/etc/passwd')))).toContain('relPath must be a relative path');
    expect(problem(change((m) => (m.handover!.recordings[0]!.files[0]!.file = 'clips/01.mp4')))).toContain('must be files/N or forms/N');
    expect(problem(change((m) => delete m.handover!.recordings[0]!.info))).toContain('is required on an original');
    expect(problem(change((m) => (m.handover!.recordings[1]!.derivedFrom = 'r9')))).toContain('must name another recording of this handover');
    expect(problem(change((m) => (m.handover!.recordings[0]!.appearances[0]!.person = 'p2')))).toContain('p2, who is not in persons');
    expect(problem(change((m) => (m.handover!.recordings[1]!.files[0]!.file = 'files/1')))).toContain('name the same file twice');
    expect(problem(change((m) => delete m.handover))).toContain('is required for kind handover');
    expect(problem(change((m) => (m.kind = 'share')))).toContain('is only allowed in kind handover');
    expect(problem(change((m) => ((m.handover as unknown as Record<string, unknown>).keepForever = true)))).toContain('keepForever');
  });
});
