import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../components/ErrorAlert';
import type { ExportRecord } from '../share/types';
import { DeletionDone } from './DeletionDone';
import { deleteForPerson, packagesThatLeft, type DeletionResult, type PersonDeletionReason } from './personDeletion';

export interface DeleteForPersonProps {
  personId: string;
  pseudonym: string;
  recordings: string[];
  name: (recordingId: string) => string;
  reason: PersonDeletionReason;
  heading: string;
  intro: string;
  /** what else the person's situation allows (redacting instead), after the generic notes */
  note: string;
  /** the button that closes the offer without deleting */
  closeLabel: string;
  /** the heading level where this sits: 3 under the person, 4 inside a section of theirs */
  level: 3 | 4;
  onDeleted: () => void;
  onFinished: () => void;
}

/**
 * The one way a person's recordings are deleted from the People screen, after a withdrawal (R7,
 * U4) or an objection (A2): the recordings offered, ticked, a confirm step, then the deletion
 * confirmation. Redacting instead happens in the library's editor.
 */
export function DeleteForPerson({ personId, pseudonym, recordings, name, reason, heading, intro, note, closeLabel, level, onDeleted, onFinished }: DeleteForPersonProps) {
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
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The button that opened this is gone or far away: focus goes where the news is.
  useEffect(() => headingRef.current?.focus(), []);

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
      setDone(await deleteForPerson(personId, [...chosen], name, reason));
      onDeleted();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (done) return <DeletionDone result={done} copies={copies ?? null} pseudonym={pseudonym} personId={personId} level={level} onClose={onFinished} />;
  const toggle = (r: string, on: boolean) => setChosen((s) => (on ? new Set(s).add(r) : new Set([...s].filter((x) => x !== r))));
  const H = level === 3 ? 'h3' : 'h4';
  return (
    <div className="warning delete-for-person" role="group" aria-labelledby={`${id}-h`}>
      <H id={`${id}-h`} ref={headingRef} tabIndex={-1}>
        {heading}
      </H>
      <p>{intro}</p>
      <fieldset disabled={busy || confirming}>
        <legend>{t('deletion.choose')}</legend>
        <div className="choice-grid">
          {recordings.map((r) => (
            <label key={r}>
              <input type="checkbox" checked={chosen.has(r)} onChange={(e) => toggle(r, e.currentTarget.checked)} />
              {name(r)}
            </label>
          ))}
        </div>
      </fieldset>
      <p className="small">{t('deletion.derivedNote')}</p>
      <p className="small">{note}</p>
      <ErrorAlert error={error} />
      {!confirming ? (
        <div className="actions">
          <button type="button" className="primary" disabled={chosen.size === 0} onClick={() => setConfirming(true)}>
            {t('deletion.delete', { count: chosen.size })}
          </button>
          <button type="button" onClick={onFinished}>
            {closeLabel}
          </button>
        </div>
      ) : (
        <div role="group" aria-labelledby={`${id}-q`}>
          <p id={`${id}-q`}>
            <strong>{t('deletion.confirm', { count: chosen.size })}</strong>
          </p>
          <div className="actions">
            <button type="button" className="primary" ref={yes} disabled={busy || copies === undefined} aria-busy={busy} onClick={() => void remove()}>
              {t('deletion.yes')}
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
