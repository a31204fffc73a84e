import { appendAudit, type AuditEvent } from '../audit';
import { INGEST_MIGRATIONS } from '../ingest';
import type { Vault } from '../vault';
import { CONSENT_MIGRATIONS } from './schema';

/** The consent tables refer to ingest's recordings, so ingest's schema comes first. */
export function ready(vault: Vault): Vault {
  vault.migrate('ingest', INGEST_MIGRATIONS);
  vault.migrate('consent', CONSENT_MIGRATIONS);
  return vault;
}

/** Consent changes are audited in the same breath as they are made (docs/audit-log.md). */
export function audit(vault: Vault, event: AuditEvent, now: Date): void {
  appendAudit(vault, event, now);
}

export const newId = (prefix: string, bytes: Buffer): string => `${prefix}_${bytes.toString('hex')}`;
