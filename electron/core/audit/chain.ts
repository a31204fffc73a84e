import { createHash } from 'node:crypto';

export const GENESIS = '0'.repeat(64);

export interface AuditRow {
  seq: number;
  at: string;
  action: string;
  subject: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

/** JSON with sorted keys at every level, so the same entry always hashes the same. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`).join(',')}}`;
}

/** SHA-256 over the canonical entry including the previous hash: changing any entry breaks every later link. */
export function entryHash(e: Omit<AuditRow, 'hash'>): string {
  const body = canonical({ seq: e.seq, at: e.at, action: e.action, subject: e.subject, detail: JSON.parse(e.detail) as unknown, prev: e.prev_hash });
  return createHash('sha256').update(body).digest('hex');
}
