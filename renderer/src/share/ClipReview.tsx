import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { Player } from '../player/Player';
import { clock } from '../player/time';
import { SHARE_ERRORS, type Comment } from './types';

/** A received clip in the existing player, with time-stamped comments beside it; a comment's time seeks. */
export function ClipReview({ clip, onClose }: { clip: { id: string; title: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [comments, setComments] = useState<Comment[] | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // The player keeps its <video> to itself; its current time is read and set on the element.
  const video = () => box.current?.querySelector('video') ?? null;

  const load = useCallback(async () => {
    try {
      setComments(await api.call('share.comments', { clipId: clip.id }));
    } catch (e) {
      setError(e);
    }
  }, [clip.id]);

  useEffect(() => {
    heading.current?.focus();
    void load();
  }, [load]);

  async function add(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (!text.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      const at = video()?.currentTime ?? 0;
      await api.call('share.comment', { clipId: clip.id, atSec: Math.min(at, 7 * 24 * 3600), text: text.trim() });
      setText('');
      await load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  function seek(at: number): void {
    const v = video();
    if (!v) return;
    v.pause();
    v.currentTime = at;
  }

  return (
    <section aria-labelledby={`${id}-h`} className="panel share-review">
      <div className="title-row">
        <h2 id={`${id}-h`} ref={heading} tabIndex={-1}>
          {t('share.review.heading', { title: clip.title })}
        </h2>
        <button type="button" onClick={onClose}>
          {t('share.review.close')}
        </button>
      </div>
      <p className="muted">{t('share.review.viewOnly')}</p>
      <div className="share-review-layout">
        <div ref={box}>
          <Player recordingId={clip.id} title={clip.title} />
        </div>
        <div>
          <form onSubmit={(e) => void add(e)}>
            <div className="field">
              <label htmlFor={`${id}-c`}>{t('share.review.comment')}</label>
              <textarea id={`${id}-c`} value={text} onChange={(e) => setText(e.target.value)} maxLength={4000} rows={3} />
            </div>
            <ErrorAlert error={error} overrides={SHARE_ERRORS} />
            <button type="submit" disabled={!text.trim() || busy} aria-busy={busy}>
              {t('share.review.add')}
            </button>
          </form>
          <h3 id={`${id}-lh`}>{t('share.review.comments')}</h3>
          {comments === null ? null : comments.length === 0 ? (
            <p className="muted">{t('share.review.none')}</p>
          ) : (
            <ul aria-labelledby={`${id}-lh`} className="share-comments">
              {comments.map((c) => (
                <li key={c.id} data-testid="share-comment">
                  <button type="button" className="link" onClick={() => seek(c.atSec)} aria-label={t('share.review.seek', { time: clock(c.atSec) })}>
                    {clock(c.atSec)}
                  </button>{' '}
                  {c.text}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
