import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { RecordingConsentPanel } from './RecordingConsentPanel';
import { showDate } from './vocab';

type Summary = Output<'recordings.list'>['recordings'][number];
type Due = Output<'retention.due'>[number];

const SOON_DAYS = 30;

/**
 * Consent per recording from the People screen: pick a recording to set its purpose and mark who
 * appears, and see which recordings pass their retention deadline within a month.
 */
export function RecordingsConsent({ deletions }: { deletions: number }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [recordings, setRecordings] = useState<Summary[] | null>(null);
  const [due, setDue] = useState<Due[]>([]);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const soon = new Date(Date.now() + SOON_DAYS * 86_400_000).toISOString();
    Promise.all([api.call('recordings.list', {}), api.call('retention.due', { at: soon })]).then(
      ([r, d]) => {
        setRecordings(r.recordings);
        setDue(d);
        // a recording deleted meanwhile (after a withdrawal) cannot stay chosen
        setChosen((c) => (c && !r.recordings.some((x) => x.id === c) ? '' : c));
      },
      (e: unknown) => setError(e),
    );
  }, [chosen, deletions]);

  const label = (rid: string) => recordings?.find((r) => r.id === rid)?.label ?? rid;

  return (
    <section aria-labelledby={`${id}-h`} className="consent-panel">
      <h2 id={`${id}-h`}>{t('recordingConsent.perRecording')}</h2>
      <ErrorAlert error={error} />
      {due.length > 0 && (
        <div className="warning">
          <h3>{t('recordingConsent.expiringSoon', { days: SOON_DAYS })}</h3>
          <ul>
            {due.map((d) => (
              <li key={d.recordingId}>
                {t('recordingConsent.dueLine', { title: label(d.recordingId), deadline: showDate(d.retentionDeadline, i18n.language), owner: d.owner })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {recordings !== null && recordings.length === 0 ? (
        <p className="empty">{t('recordingConsent.noRecordings')}</p>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-r`}>{t('recordingConsent.recording')}</label>
          <select id={`${id}-r`} value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">{t('recordingConsent.chooseRecording')}</option>
            {(recordings ?? []).map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
      )}
      {chosen && <RecordingConsentPanel key={chosen} recordingId={chosen} />}
    </section>
  );
}
