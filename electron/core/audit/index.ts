import type { Vault } from '../vault';

/**
 * The audit log's entry point for the other capabilities (issue 5 fills this in: append-only,
 * hash-chained, in the catalog). Callers name what happened; they never pass content or secrets.
 */
export interface AuditEvent {
  /** dotted verb, e.g. 'import.finished', 'recording.viewed', 'consent.withdrawn', 'vault.unlockFailed' */
  action: string;
  /** the id the event is about (recording, person, import, package), when there is one */
  subject?: string;
  detail?: Record<string, string | number | boolean | null>;
}

export function appendAudit(_vault: Vault, _event: AuditEvent): void {
  // Placeholder until the audit capability lands.
}
