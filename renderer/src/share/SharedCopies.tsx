import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { formatDate } from '../format';
import type { ExportRecord } from './types';

/**
 * The share packages that left with a recording (R7): deleting it here does not reach the copies
 * a recipient holds, so the deletion says which they are, to whom, and what to ask of them. The
 * export register outlives the recording, so this works after the deletion too.
 */
export function SharedCopies({ recordingId, withDerivatives, onLoaded }: { recordingId: string; withDerivatives?: boolean; onLoaded?: (copies: ExportRecord[] | null) => void }) {
  const { t } = useTranslation();
  const [copies, setCopies] = useState<ExportRecord[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    api.call('share.exports', { recordingId, ...(withDerivatives ? { withDerivatives } : {}) }).then(
      (c) => {
        setCopies(c);
        onLoaded?.(c);
      },
      () => {
        setFailed(true);
        onLoaded?.(null);
      },
    );
    // onLoaded is a notification (null: the register could not be read); a new function must not ask again
  }, [recordingId, withDerivatives]);

  if (failed) return <p className="alert small">{t('share.copies.failed')}</p>;
  return copies === null ? null : <CopiesList copies={copies} />;
}

/** The list itself, for a deletion that already knows which packages left (asked before it ran). */
export function CopiesList({ copies }: { copies: ExportRecord[] }) {
  const { t, i18n } = useTranslation();
  if (copies.length === 0) return <p className="muted small">{t('share.copies.none')}</p>;
  const now = Date.now();
  const who = (e: ExportRecord) => e.recipients.map((x) => x.name ?? (x.type === 'passphrase' ? t('share.passphraseRecipient') : `${(x.publicKey ?? '').slice(0, 12)}…`)).join(', ');
  return (
    <div className="shared-copies">
      <p>{t('share.copies.heading', { count: copies.length })}</p>
      <ul data-testid="shared-copies">
        {copies.map((e) => {
          const vars = { file: e.fileName, who: who(e), sent: formatDate(e.createdAt, i18n.language), expires: formatDate(e.expiresAt, i18n.language) };
          return <li key={e.id}>{t(Date.parse(e.expiresAt) > now ? 'share.copies.live' : 'share.copies.expired', vars)}</li>;
        })}
      </ul>
    </div>
  );
}
