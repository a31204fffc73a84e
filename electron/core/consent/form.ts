import { VaultError, type Vault } from '../vault';
import { getConsent } from './consents';
import { audit } from './ready';

export type FormType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif' | 'application/pdf' | 'application/octet-stream';

/** A signed form is a scan, a photo or a PDF; larger than this it is not a form. */
export const MAX_FORM_BYTES = 25 * 1024 * 1024;

/** The form's type from its first bytes: the stored name is the user's and may lie. */
export function sniffForm(head: Buffer): FormType {
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (head.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  return 'application/octet-stream';
}

/**
 * The signed form of a consent (R3, B3), decrypted into memory only, for a viewer. Each view is
 * audited ('consent.formViewed'): the form names a person and carries a signature.
 */
export async function readConsentForm(vault: Vault, consentId: string, now: Date = new Date()): Promise<{ type: FormType; bytes: Buffer }> {
  const c = getConsent(vault, consentId);
  if (!c.formBlobId) throw new VaultError('NOT_FOUND', `Consent ${consentId} has no stored form; the institution that holds the consent keeps it (H2).`);
  const parts: Buffer[] = [];
  let size = 0;
  for await (const p of vault.readBlob(c.formBlobId)) {
    size += p.length;
    if (size > MAX_FORM_BYTES) throw new VaultError('IO', `The stored form of consent ${consentId} is larger than ${MAX_FORM_BYTES / 1024 / 1024} MB and cannot be shown; this is not a scanned form.`);
    parts.push(p);
  }
  const bytes = Buffer.concat(parts);
  const type = sniffForm(bytes.subarray(0, 16));
  audit(vault, { action: 'consent.formViewed', subject: c.personId, detail: { consent: c.id, type } }, now);
  return { type, bytes };
}
