import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonical, entryHash } from '../../../electron/core/audit';

describe('audit entry hashing (docs/audit-log.md)', () => {
  it('canonical JSON sorts keys at every level and drops undefined, so equal entries hash equal', () => {
    expect(canonical({ b: 1, a: { d: [2, { f: true, e: null }], c: 'x' }, z: undefined })).toBe('{"a":{"c":"x","d":[2,{"e":null,"f":true}]},"b":1}');
  });
  it('the hash is SHA-256 over {action, at, detail, prev, seq, subject} and covers seq and prev', () => {
    const e = { seq: 1, at: '2026-05-01T08:00:00.000Z', action: 'consent.withdrawn', subject: 'per_1', detail: '{"how":"e-mail"}', prev_hash: '0'.repeat(64) };
    const body = `{"action":"consent.withdrawn","at":"2026-05-01T08:00:00.000Z","detail":{"how":"e-mail"},"prev":"${'0'.repeat(64)}","seq":1,"subject":"per_1"}`;
    expect(entryHash(e)).toBe(createHash('sha256').update(body).digest('hex'));
    expect(entryHash({ ...e, seq: 2 })).not.toBe(entryHash(e));
    expect(entryHash({ ...e, prev_hash: '1'.repeat(64) })).not.toBe(entryHash(e));
  });
});
