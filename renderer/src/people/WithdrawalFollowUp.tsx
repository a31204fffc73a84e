import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import type { ExportRecord } from '../share/types';
import { DeletionDone } from './DeletionDone';
import { deleteForWithdrawal, packagesThatLeft, type DeletionResult } from './withdrawalDeletion';

interface Props {
  personId: string;
  pseudonym: string;
  recordings: string[];
  name: (recordingId: string) => string;
  onDeleted: () => void;
  onFinished: () => void;
}

/**
 * After a withdrawal (R7, U4): the recordings the person is in, offered for deletion with a
 * confirm step, then the deletion confirmation. Redacting instead happens in the library's editor.
 */
export function WithdrawalFollowUp({ personId, pseudonym, recordings, name, onDeleted, onFinished }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(recordings));
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // undefined: still asking; null: the export register could not be read (the confirmation says so)
  const [copies, setCopies] = useState<ExportRecord[] | null | undefined>(undefined);
  const [done, setDone] = useState<DeletionResult | null>(null);
  const yes = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  // Asked before the deletion, so the confirmation can name what left with these recordings.
  useEffect(() => {
    void packagesThatLeft(recordings).then(setCopies);
  }, [recordings]);
  useEffect(() => {
    if (confirming) yes.current?.focus();
  }, [confirming]);

  async function remove(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      setDone(await deleteForWithdrawal(personId, [...chosen], name));
      onDeleted();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (done) return <DeletionDone result={done} copies={copies ?? null} pseudonym={pseudonym} personId={personId} onClose={onFinished} />;
  const toggle = (r: string, on: boolean) => setChosen((s) => (on ? new Set(s).add(r) : new Set([...s].filter((x) => x !== r))));
  return (
    <div className="warning withdrawal-follow-up" role="group" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} ref={heading} tabIndex={-1}>{t('withdrawal.heading', { name: pseudonym })}</h3>
      <p>{t('withdrawal.intro', { count: recordings.length })}</p>
      <fieldset disabled={busy || confirming}>
        <legend>{t('withdrawal.choose')}</legend>
        <div className="choice-grid">
          {recordings.map((r) => (
            <label key={r}>
              <input type="checkbox" checked={chosen.has(r)} onChange={(e) => toggle(r, e.currentTarget.checked)} />
              {name(r)}
            </label>
          ))}
        </div>
      </fieldset>
      <p className="small">{t('withdrawal.derivedNote')}</p>
      <p className="small">{t('withdrawal.redactInstead')}</p>
      <ErrorAlert error={error} />
      {!confirming ? (
        <div className="actions">
          <button type="button" className="primary" disabled={chosen.size === 0} onClick={() => setConfirming(true)}>
            {t('withdrawal.delete', { count: chosen.size })}
          </button>
          <button type="button" onClick={onFinished}>
            {t('withdrawal.later')}
          </button>
        </div>
      ) : (
        <div role="group" aria-labelledby={`${id}-q`}>
          <p id={`${id}-q`}>
            <strong>{t('withdrawal.confirm', { count: chosen.size })}</strong>
          </p>
          <div className="actions">
            <button type="button" className="primary" ref={yes} disabled={busy || copies === undefined} aria-busy={busy} onClick={() => void remove()}>
              {t('withdrawal.yes')}
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
              {t('people.cancel')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
