import type { Vault } from '../vault';
import { entryHash, GENESIS, type AuditRow } from './chain';
import { AUDIT_MIGRATIONS } from './schema';

/**
 * The audit log's entry point for the other capabilities: append-only, hash-chained, in the
 * catalog (docs/audit-log.md). Callers name what happened; they never pass content or secrets.
 */
export interface AuditEvent {
  /** dotted verb, e.g. 'import.finished', 'recording.viewed', 'consent.withdrawn', 'vault.unlockFailed' */
  action: string;
  /** the id the event is about (recording, person, import, package), when there is one */
  subject?: string;
  detail?: Record<string, string | number | boolean | null>;
}

export interface AuditEntry {
  seq: number;
  at: string;
  action: string;
  subject: string | null;
  detail: Record<string, string | number | boolean | null>;
  prevHash: string;
  hash: string;
}

export interface AuditVerdict {
  ok: boolean;
  entries: number;
  /** the first broken entry's seq and what is wrong with it; empty when ok */
  problems: { seq: number; problem: string }[];
}

export { AUDIT_MIGRATIONS } from './schema';
export { entryHash, canonical } from './chain';

function ready(vault: Vault): void {
  vault.migrate('audit', AUDIT_MIGRATIONS);
}

/** Appends one entry; `at` is a parameter so tests can use a fixed clock. */
export function appendAudit(vault: Vault, event: AuditEvent, at: Date = new Date()): AuditEntry {
  ready(vault);
  const db = vault.catalog;
  return db.transaction(() => {
    const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
    const row: Omit<AuditRow, 'hash'> = {
      seq: (head?.seq ?? 0) + 1,
      at: at.toISOString(),
      action: event.action,
      subject: event.subject ?? null,
      detail: JSON.stringify(event.detail ?? {}),
      prev_hash: head?.hash ?? GENESIS,
    };
    const hash = entryHash(row);
    db.prepare('INSERT INTO audit_log (seq, at, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(row.seq, row.at, row.action, row.subject, row.detail, row.prev_hash, hash);
    db.prepare('INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash').run(row.seq, hash);
    return toEntry({ ...row, hash });
  })();
}

function toEntry(r: AuditRow): AuditEntry {
  return { seq: r.seq, at: r.at, action: r.action, subject: r.subject, detail: JSON.parse(r.detail) as AuditEntry['detail'], prevHash: r.prev_hash, hash: r.hash };
}

/** Entries in order, newest last; `limit` takes the newest ones. */
export function listAudit(vault: Vault, opts: { subject?: string; limit?: number } = {}): AuditEntry[] {
  ready(vault);
  const where = opts.subject ? 'WHERE subject = ?' : '';
  const args: unknown[] = opts.subject ? [opts.subject] : [];
  const rows = vault.catalog.prepare(`SELECT * FROM audit_log ${where} ORDER BY seq DESC LIMIT ?`).all(...args, opts.limit ?? 1000) as AuditRow[];
  return rows.reverse().map(toEntry);
}

/**
 * Walks the chain from the first entry: each seq follows the last, each entry names the
 * previous hash and hashes to its own; the head (kept apart) catches removal of the newest.
 */
export function verifyAudit(vault: Vault): AuditVerdict {
  ready(vault);
  const db = vault.catalog;
  const problems: AuditVerdict['problems'] = [];
  let prev = GENESIS;
  let expected = 1;
  let entries = 0;
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    entries++;
    if (r.seq !== expected) problems.push({ seq: r.seq, problem: `entry ${expected} is missing (the next one is ${r.seq})` });
    if (r.prev_hash !== prev) problems.push({ seq: r.seq, problem: 'does not follow the entry before it (removed, inserted or reordered)' });
    if (entryHash(r) !== r.hash) problems.push({ seq: r.seq, problem: 'was changed after it was written' });
    prev = r.hash;
    expected = r.seq + 1;
  }
  const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
  if (head && (head.seq !== expected - 1 || head.hash !== prev)) {
    problems.push({ seq: head.seq, problem: `the log ends at entry ${expected - 1} but entry ${head.seq} was written last (newest entries removed)` });
  } else if (!head && entries > 0) {
    problems.push({ seq: 0, problem: 'the log has entries but no recorded head' });
  }
  return { ok: problems.length === 0, entries, problems };
}

export interface AuditExport {
  format: 'kluis-audit-v1';
  exportedAt: string;
  /** the newest entry's seq and hash: keep it apart (print it, mail it) to catch a rewritten chain later */
  head: { seq: number; hash: string } | null;
  verdict: AuditVerdict;
  entries: AuditEntry[];
}

/** The whole log with its verdict and head, for the privacy officer or for safekeeping outside the vault. */
export function exportAudit(vault: Vault, now: Date = new Date()): AuditExport {
  ready(vault);
  const verdict = verifyAudit(vault);
  const rows = vault.catalog.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
  const head = vault.catalog.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as { seq: number; hash: string } | undefined;
  return { format: 'kluis-audit-v1', exportedAt: now.toISOString(), head: head ?? null, verdict, entries: rows.map(toEntry) };
}
