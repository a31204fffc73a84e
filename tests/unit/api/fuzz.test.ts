import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, dispatch, KluisService, METHODS } from '../../../electron/core/api';

/**
 * A compromised renderer can send anything over IPC. Every contract method must refuse malformed
 * input in its schema (BAD_REQUEST) before a handler runs, and nothing may crash the service or
 * leak an INTERNAL error. Payloads are derived from each method's own schema, so methods added
 * later are covered without touching this file.
 */
const KDF = { memoryKiB: 64 * 1024, iterations: 3 };
const PASSWORD = 'a long enough passphrase for the fuzz test 8';

const GARBAGE: unknown[] = [null, 0, -1, 'x', '', true, [], [{}], Number.NaN, 'A'.repeat(100_000)];
/** values of every JSON type plus hostile strings; for each field only those its schema rejects are sent */
const FIELD_VALUES: unknown[] = [null, 42, -1, 1e308, Number.NaN, true, 'x', '', '../../etc/passwd', '\u0000', 'A'.repeat(1_000_000), [], ['x'], {}, { $gt: '' }, { __proto__: { polluted: true } }];

function objectShape(schema: z.ZodType): Record<string, z.ZodType> | null {
  return schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : null;
}

/** One invalid payload per field and wrong value: the other fields are left out, which is never what makes it invalid on its own. */
function badPayloads(schema: z.ZodType): unknown[] {
  const out: unknown[] = [...GARBAGE];
  const shape = objectShape(schema);
  if (!shape) return out;
  for (const [key, field] of Object.entries(shape)) {
    for (const v of FIELD_VALUES) if (!field.safeParse(v).success) out.push({ [key]: v });
  }
  return out;
}

let dir: string;
let service: KluisService;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kluis-fuzz-'));
  service = new KluisService({ vaultDir: join(dir, 'vault'), kdf: KDF });
  // unlocked: the attacker worth defending against is a renderer after the user unlocked
  const created = await dispatch(service, 'vault.create', { password: PASSWORD });
  expect(created.ok).toBe(true);
});

afterAll(async () => {
  await service.lock('user');
  rmSync(dir, { recursive: true, force: true });
});

describe('every contract method refuses malformed input (fuzz)', () => {
  it('covers every method of the contract', () => {
    expect(METHODS.length).toBeGreaterThan(20);
  });

  for (const method of METHODS) {
    it(`${method}: schema rejects every malformed payload, no crash, no INTERNAL`, async () => {
      const schema = contract[method].input as z.ZodType;
      for (const payload of badPayloads(schema)) {
        // only payloads the schema itself rejects: the claim is about refusal before the core
        if (schema.safeParse(payload ?? {}).success) continue;
        const r = await dispatch(service, method, payload);
        expect(r, `${method} accepted ${JSON.stringify(payload)?.slice(0, 80)}`).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('object inputs are strict: an unknown key is refused, so a renderer cannot smuggle options', () => {
    const lax = METHODS.filter((m) => {
      const s = contract[m].input as z.ZodType;
      if (!(s instanceof z.ZodObject)) return false;
      // zod keeps .strict() as a catch-all of type never
      const catchall = (s._zod.def as { catchall?: z.ZodType }).catchall;
      return catchall?._zod.def.type !== 'never';
    });
    expect(lax).toEqual([]);
  });

  it('the service still answers after the barrage', async () => {
    expect(await dispatch(service, 'app.status', {})).toMatchObject({ ok: true, value: { vault: 'unlocked' } });
  });
});
