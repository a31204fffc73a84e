import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDate, formatDuration } from '../format';
import { Player } from '../player/Player';
import { SHARE_ERRORS, type Received } from './types';

/**
 * Clips that arrived in share packages, beside the library's own recordings. They are someone
 * else's: view-only, so none of the library's actions (export, redact, rename) are offered here,
 * and each says when it goes.
 */
export function ReceivedInLibrary() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [received, setReceived] = useState<Received[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [watching, setWatching] = useState<{ id: string; title: string } | null>(null);

  // Asked once the browser is idle, so the library's first screenful renders before this call
  // (which may also expire packages first) shares the core with it.
  useEffect(() => {
    const idle = requestIdleCallback(() => void api.call('share.received', {}).then(setReceived, setError), { timeout: 2000 });
    return () => cancelIdleCallback(idle);
  }, []);

  const clips = received.flatMap((r) => r.clips.map((c) => ({ ...c, pkg: r })));
  if (clips.length === 0 && !error) return null;
  return (
    <section aria-labelledby={`${id}-h`} className="lib-received">
      <h2 id={`${id}-h`}>{t('share.library.heading')}</h2>
      <ErrorAlert error={error} overrides={SHARE_ERRORS} />
      <ul className="share-list" aria-labelledby={`${id}-h`}>
        {clips.map((c) => (
          <li key={c.id} data-testid="library-received">
            <span className="item-name">{c.title}</span> <span className="muted small">{formatDuration(c.durationSec, i18n.language)}</span>{' '}
            <span className="badge">{t('share.library.badge', { sender: c.pkg.sender, date: formatDate(c.pkg.expiresAt, i18n.language) })}</span>{' '}
            <button type="button" onClick={() => setWatching({ id: c.id, title: c.title })} aria-label={t('share.library.watchLabel', { title: c.title })}>
              {t('share.library.watch')}
            </button>
          </li>
        ))}
      </ul>
      {watching && (
        <div className="detail">
          <div className="title-row">
            <h3>{watching.title}</h3>
            <button type="button" onClick={() => setWatching(null)}>
              {t('player.close')}
            </button>
          </div>
          <p className="muted small">{t('share.review.viewOnly')}</p>
          <Player key={watching.id} recordingId={watching.id} title={watching.title} fps={null} />
        </div>
      )}
    </section>
  );
}
