import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';
import { api } from '../api/client';
import { toKluisError } from '../api/errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { formatDateTime, formatDuration, formatNumber, formatSampleRate, formatSize } from '../format';
import { RecordingConsentPanel } from '../people/RecordingConsentPanel';
import { Player } from '../player/Player';
import { RedactEditor } from '../redact/RedactEditor';
import { ExportForm } from '../share/ExportForm';
import { HandedOver, HandoverForm, type HandoverDone } from '../share/HandoverForm';
import type { ExportRecord } from '../share/types';
import { DeletedConfirmation, DeleteRecording } from './DeleteRecording';
import type { LibraryRow } from './query';

type Detail = Output<'recordings.detail'>;

/** The player plus what the probe found, with identifying metadata called out. */
export function DetailPanel({ row, onClose, onDeleted }: { row: LibraryRow; onClose: () => void; onDeleted?: () => void }) {
  const { t, i18n } = useTranslation();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Bumped when the media side reports on this recording, so the probe data appears when it lands.
  const [version, setVersion] = useState(0);
  const [redacting, setRedacting] = useState(false);
  const [sharing, setSharing] = useState(false);
  const [handover, setHandover] = useState<boolean | HandoverDone>(false);
  const [deleting, setDeleting] = useState<'ask' | { copies: ExportRecord[] | null } | null>(null);

  useEffect(() => api.onEvent((e) => e.type === 'media.updated' && e.id === row.id && setVersion((v) => v + 1)), [row.id]);

  useEffect(() => {
    let gone = false;
    setError(null);
    api.call('recordings.detail', { id: row.id }).then(
      (d) => !gone && setDetail(d),
      // NOT_FOUND: the media side has nothing on it yet; the player still works.
      (e: unknown) => !gone && toKluisError(e).code !== 'NOT_FOUND' && setError(e),
    );
    return () => {
      gone = true;
    };
  }, [row.id, version]);

  // Opening a recording moves focus to its panel, so keyboard and screen reader users land on it.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [row.id]);

  const probe = detail?.probe ?? null;
  if (deleting !== null && deleting !== 'ask')
    return (
      <section className="detail" aria-label={t('detail.label', { title: row.title })}>
        <DeletedConfirmation title={row.title} copies={deleting.copies} onClose={onClose} />
      </section>
    );
  if (typeof handover === 'object')
    return (
      <section className="detail" aria-label={t('detail.label', { title: row.title })}>
        <HandedOver title={row.title} done={handover} onClose={onClose} />
      </section>
    );
  if (redacting) return <RedactEditor recordingId={row.id} title={row.title} fps={probe?.video?.fps} onClose={() => setRedacting(false)} />;
  return (
    <section className="detail" aria-label={t('detail.label', { title: row.title })}>
      <div className="title-row">
        <h2 ref={heading} tabIndex={-1}>
          {row.title}
        </h2>
        <button type="button" onClick={() => setRedacting(true)}>
          {t('redact.open')}
        </button>
        <button type="button" aria-expanded={sharing} onClick={() => setSharing((v) => !v)}>
          {t('share.export.open')}
        </button>
        <button type="button" aria-expanded={handover === true} onClick={() => setHandover((v) => !v)}>
          {t('share.handover.open')}
        </button>
        <button type="button" aria-expanded={deleting === 'ask'} onClick={() => setDeleting((d) => (d ? null : 'ask'))}>
          {t('share.deleteRecording.open')}
        </button>
        <button type="button" onClick={onClose}>
          {t('detail.close')}
        </button>
      </div>
      {row.problem && <p className="alert">{t('library.cannotPlay', { reason: row.problem })}</p>}
      {deleting === 'ask' && (
        <DeleteRecording
          recordingId={row.id}
          title={row.title}
          onDeleted={(copies) => {
            setDeleting({ copies });
            onDeleted?.();
          }}
          onCancel={() => setDeleting(null)}
        />
      )}
      {handover === true && (
        <HandoverForm
          key={row.id}
          recordings={[{ id: row.id, title: row.title }]}
          onDone={(d) => {
            setHandover(d);
            onDeleted?.();
          }}
          onCancel={() => setHandover(false)}
        />
      )}
      {sharing && <ExportForm key={row.id} initialIds={[row.id]} onDone={() => undefined} onCancel={() => setSharing(false)} />}
      <Player recordingId={row.id} title={row.title} fps={probe?.video?.fps} sprite={detail?.sprite} />
      <ErrorAlert error={error} />
      <h3>{t('detail.probe')}</h3>
      {probe ? (
        <dl className="probe">
          <dt>{t('detail.container')}</dt>
          <dd>{probe.container}</dd>
          {probe.durationSec !== null && (
            <>
              <dt>{t('detail.duration')}</dt>
              <dd>{formatDuration(probe.durationSec, i18n.language)}</dd>
            </>
          )}
          {probe.video && (
            <>
              <dt>{t('detail.video')}</dt>
              <dd>
                {probe.video.codec} {probe.video.width}×{probe.video.height}
                {probe.video.fps ? ` ${formatNumber(probe.video.fps, i18n.language)} fps` : ''}
              </dd>
            </>
          )}
          {probe.audio && (
            <>
              <dt>{t('detail.audio')}</dt>
              <dd>
                {probe.audio.codec}
                {probe.audio.sampleRate ? ` ${formatSampleRate(probe.audio.sampleRate, i18n.language)}` : ''}
              </dd>
            </>
          )}
          {probe.creationTime && (
            <>
              <dt>{t('detail.created')}</dt>
              <dd>{formatDateTime(probe.creationTime, i18n.language)}</dd>
            </>
          )}
        </dl>
      ) : (
        <p className="muted">{t('detail.notProbed')}</p>
      )}
      {detail && (
        <>
          <h3>{t('detail.identifying')}</h3>
          {detail.identifying.length === 0 ? (
            <p className="muted">{t('detail.noneIdentifying')}</p>
          ) : (
            <ul className="flagged">
              {detail.identifying.map((tag, i) => (
                <li key={i}>
                  <strong>{tag.key}</strong>: <span className="mono">{tag.value}</span> <span className="muted small">({tag.why})</span>
                </li>
              ))}
            </ul>
          )}
          <h3>{t('detail.files')}</h3>
          <ul className="small">
            {detail.files.map((f) => (
              <li key={f.relPath}>
                <span className="mono">{f.relPath}</span> · {f.role} · {formatSize(f.size, i18n.language)}
              </li>
            ))}
          </ul>
        </>
      )}
      {/* Purpose, basis, retention, who appears and consent coverage: the people side's own panel. */}
      <RecordingConsentPanel recordingId={row.id} />
    </section>
  );
}
