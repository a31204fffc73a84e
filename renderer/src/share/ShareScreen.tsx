import { useCallback, useEffect, useId, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { ScreenHeading } from '../components/ScreenHeading';
import { formatDate } from '../format';
import { ClipReview } from './ClipReview';
import { ExportForm } from './ExportForm';
import { FeedbackForm } from './FeedbackForm';
import { ManifestView } from './ManifestView';
import { OpenPackage } from './OpenPackage';
import { droppedPackagePath } from './pickers';
import { HandoverPicker } from './HandoverPicker';
import { PlaylistBuilder } from './PlaylistBuilder';
import { Presentation } from './Presentation';
import { ShareKey } from './ShareKey';
import { SHARE_ERRORS, type ExportRecord, type Received } from './types';
import './share.css';

/** Share: this vault's share key, export, open a package, what left (R7) and what arrived. */
export function ShareScreen() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [exports, setExports] = useState<ExportRecord[] | null>(null);
  const [received, setReceived] = useState<Received[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [exporting, setExporting] = useState(false);
  const [reviewing, setReviewing] = useState<{ id: string; title: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [building, setBuilding] = useState(false);
  const [handingOver, setHandingOver] = useState(false);
  const [presenting, setPresenting] = useState<Received | null>(null);
  const [dropped, setDropped] = useState<{ path: string; at: number } | null>(null);
  const [dropProblem, setDropProblem] = useState<string | null>(null);
  useNoDropNavigation();

  const load = useCallback(async () => {
    try {
      const [e, r] = await Promise.all([api.call('share.exports', {}), api.call('share.received', {})]);
      setExports(e);
      setReceived(r);
    } catch (err) {
      setError(err);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function remove(rid: string): Promise<void> {
    setError(null);
    try {
      await api.call('share.deleteReceived', { id: rid });
      setConfirmDelete(null);
      await load();
    } catch (err) {
      setError(err);
    }
  }

  function onDrop(e: DragEvent<HTMLElement>): void {
    e.preventDefault();
    const r = droppedPackagePath(e.dataTransfer);
    if ('path' in r) {
      setDropProblem(null);
      setDropped({ path: r.path, at: Date.now() });
    } else setDropProblem(t(`share.open.drop.${r.error}`));
  }

  if (presenting) return <Presentation pkg={presenting} />;
  const recipientList = (e: ExportRecord): string => e.recipients.map((x) => x.name ?? (x.type === 'passphrase' ? t('share.passphraseRecipient') : `${(x.publicKey ?? '').slice(0, 12)}…`)).join(', ');
  if (reviewing) return <ClipReview clip={reviewing} onClose={() => setReviewing(null)} />;

  return (
    <section className="card wide share-screen" onDragOver={(e) => e.preventDefault()} onDrop={onDrop} data-testid="share-drop">
      <div className="title-row">
        <ScreenHeading>{t('share.title')}</ScreenHeading>
        <button type="button" aria-expanded={exporting} onClick={() => setExporting((v) => !v)}>
          {t('share.export.open')}
        </button>
        <button type="button" aria-expanded={building} onClick={() => setBuilding((v) => !v)}>
          {t('share.videotoets.open')}
        </button>
        <button type="button" aria-expanded={handingOver} onClick={() => setHandingOver((v) => !v)}>
          {t('share.handover.openMany')}
        </button>
      </div>
      <p className="muted">{t('share.intro')}</p>
      <ErrorAlert error={error} overrides={SHARE_ERRORS} />
      {exporting && <ExportForm initialIds={[]} onDone={() => void load()} onCancel={() => setExporting(false)} />}
      <ShareKey />
      {building && <PlaylistBuilder onDone={() => void load()} onClose={() => setBuilding(false)} />}
      {handingOver && <HandoverPicker onDone={() => void load()} onClose={() => setHandingOver(false)} />}
      {dropProblem && (
        <p role="alert" className="alert">
          {dropProblem}
        </p>
      )}
      <OpenPackage onOpened={() => void load()} dropped={dropped} />

      <section aria-labelledby={`${id}-rh`}>
        <h2 id={`${id}-rh`}>{t('share.receivedHeading')}</h2>
        {received === null ? null : received.length === 0 ? (
          <p className="muted">{t('share.receivedEmpty')}</p>
        ) : (
          <ul className="share-list" aria-labelledby={`${id}-rh`}>
            {received.map((r) => (
              <li key={r.id} data-testid="share-received">
                <p>
                  <strong>{r.sender}</strong> · {t(`consent.purpose.${r.purpose}`, { defaultValue: r.purpose })} · {t(`consent.audience.${r.audience}`, { defaultValue: r.audience })} · {t('share.expiresOn', { date: formatDate(r.expiresAt, i18n.language) })}
                  {!r.mayForward && <span className="muted"> · {t('share.viewOnly')}</span>}
                </p>
                <details>
                  <summary>{t('share.manifest.show')}</summary>
                  <ManifestView manifest={r.manifest} />
                </details>
                {r.kind === 'videotoets' && (
                  <button type="button" onClick={() => setPresenting(r)} aria-label={t('share.present.open', { sender: r.sender })}>
                    {t('share.present.button')}
                  </button>
                )}
                <ul>
                  {r.clips.map((c) => (
                    <li key={c.id}>
                      {c.title}{' '}
                      <button type="button" onClick={() => setReviewing({ id: c.id, title: c.title })} aria-label={t('share.review.open', { title: c.title })}>
                        {t('share.review.button')}
                      </button>
                    </li>
                  ))}
                </ul>
                {r.manifest.sender.publicKey && <FeedbackForm receivedId={r.id} sender={r.sender} />}
                {confirmDelete === r.id ? (
                  <div role="group" aria-label={t('share.deleteConfirm', { sender: r.sender })}>
                    <p>{t('share.deleteConfirm', { sender: r.sender })}</p>
                    <button type="button" autoFocus onClick={() => void remove(r.id)}>
                      {t('share.deleteYes')}
                    </button>{' '}
                    <button type="button" onClick={() => setConfirmDelete(null)}>
                      {t('share.cancel')}
                    </button>
                  </div>
                ) : (
                  <button type="button" onClick={() => setConfirmDelete(r.id)} aria-label={t('share.deleteLabel', { sender: r.sender })}>
                    {t('share.delete')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby={`${id}-eh`}>
        <h2 id={`${id}-eh`}>{t('share.exportsHeading')}</h2>
        {exports === null ? null : exports.length === 0 ? (
          <p className="muted">{t('share.exportsEmpty')}</p>
        ) : (
          <ul className="share-list" aria-labelledby={`${id}-eh`}>
            {exports.map((e) => (
              <li key={e.id} data-testid="share-export">
                <strong>{e.fileName}</strong> · {formatDate(e.createdAt, i18n.language)} ·{' '}
                {/* a handover is no share: its expiry is the last retention deadline, and the colleague now owns it */}
                {e.kind === 'handover' ? (
                  t('share.handedOverTo', { list: recipientList(e) })
                ) : (
                  <>
                    {t(`consent.purpose.${e.purpose}`, { defaultValue: e.purpose })} · {t(`consent.audience.${e.audience}`, { defaultValue: e.audience })} ·{' '}
                    {t('share.expiresOn', { date: formatDate(e.expiresAt, i18n.language) })} · {t('share.toRecipients', { list: recipientList(e) })}
                  </>
                )}{' '}
                ·{' '}
                {t('share.recordingCount', { count: e.recordingIds.length })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

/**
 * A file dropped anywhere else on the page must not make the window navigate to it (file://):
 * while the Share screen is open, only its own drop handler takes files.
 */
function useNoDropNavigation(): void {
  useEffect(() => {
    const stop = (e: Event) => e.preventDefault();
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);
}
