/**
 * manifest.json schema v1 (docs/share-package.md, "Manifest"): strict, so a restriction the
 * sender meant is never silently dropped, and every problem named.
 */
import { describe, expect, it } from 'vitest';
import { parseManifest, serializeManifest, type Manifest } from '../../electron/core/share';
import { KEY, problem } from './manifest-problem';

const SHA = 'a'.repeat(64);

const valid = (): Manifest => ({
  format: 'kluis-share',
  version: 1,
  id: 'pkg_0123456789abcdef',
  kind: 'share',
  created: '2026-04-01T12:00:00.000Z',
  expires: '2026-04-08T12:00:00.000Z',
  sender: { name: 'Student A', publicKey: KEY },
  recipients: [{ type: 'x25519', publicKey: KEY, name: 'Supervisor' }],
  purpose: 'reflection',
  audience: 'supervisor',
  permissions: { keep: false, forward: false, deleteAtExpiry: true },
  clips: [{ file: 'clips/01.mp4', title: 'Les 3', durationSec: 2, mime: 'video/mp4', size: 10, sha256: SHA, edits: [], persons: [{ pseudonym: 'J.K.', basis: 'consent' }] }],
});

describe('manifest v1', () => {
  it('round-trips what export writes', () => {
    expect(parseManifest(serializeManifest(valid()))).toEqual(valid());
  });

  it.each([
    ['an unknown top-level field', (m: Manifest) => ({ ...m, printAllowed: true }), /Unrecognized key/],
    ['an unknown permission', (m: Manifest) => ({ ...m, permissions: { ...m.permissions, print: true } }), /permissions/],
    ['a full name where a pseudonym basis is expected', (m: Manifest) => ({ ...m, clips: [{ ...m.clips[0]!, persons: [{ pseudonym: 'J.K.', basis: 'consent', fullName: 'Jan Klaassen' }] }] }), /persons/],
    ['a clip path that climbs out of the package', (m: Manifest) => ({ ...m, clips: [{ ...m.clips[0]!, file: '../../.bashrc' }] }), /clips\/NAME/],
    ['an expiry before creation', (m: Manifest) => ({ ...m, expires: '2026-03-01T00:00:00Z' }), /expires must be after created/],
    ['a share with no clips', (m: Manifest) => ({ ...m, clips: [] }), /at least one clip/],
    ['feedback in a share package', (m: Manifest) => ({ ...m, feedback: [] }), /only allowed in kind feedback/],
    ['a checksum that is not SHA-256', (m: Manifest) => ({ ...m, clips: [{ ...m.clips[0]!, sha256: 'abc' }] }), /SHA-256/],
    ['an unknown purpose', (m: Manifest) => ({ ...m, purpose: 'marketing' }), /purpose/],
    ['a version this Kluis does not know', (m: Manifest) => ({ ...m, version: 2 }), /version/],
    ['an out-point before the in-point', (m: Manifest) => ({ ...m, clips: [{ ...m.clips[0]!, inSec: 5, outSec: 2 }] }), /outSec must be after inSec/],
  ])('refuses %s, naming it', (_what, change, message) => {
    expect(problem(change(valid()))).toMatch(message);
  });

  it('refuses bytes that are not JSON', () => {
    expect(() => parseManifest(Buffer.from('{"format":'))).toThrow(/not JSON/);
  });
});
