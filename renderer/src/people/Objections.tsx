import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { SubmitButton } from '../components/SubmitButton';
import { DeleteForPerson } from './DeleteForPerson';
import { OBJECTION } from './personDeletion';
import { PURPOSES, showDate, type Person, type Purpose } from './vocab';
import { PeopleTable } from './PeopleTable';

export type Objection = Output<'persons.get'>['objections'][number];

// Objections matter where nobody asked for consent: the purposes that usually rest on
// legitimate interest come first, the rest stay available.
const LEGITIMATE_INTEREST: readonly Purpose[] = ['streaming', 'coaching'];
const ORDER: readonly Purpose[] = [...LEGITIMATE_INTEREST, ...PURPOSES.filter((p) => !LEGITIMATE_INTEREST.includes(p))];

interface Props {
  person: Person;
  objections: Objection[];
  name: (recordingId: string) => string;
  /** reloads the person, so the list shows what was just recorded or lifted */
  onChanged: () => Promise<void>;
  /** recordings were deleted here: other panels that list recordings must drop them */
  onDeleted?: () => void;
}

/**
 * A2 (GDPR art. 21): a person's objections, recording a new one in one action (no reason asked),
 * lifting one, and deleting the recordings it affects the way a withdrawal does.
 */
export function Objections({ person, objections, name, onChanged, onDeleted }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [purposes, setPurposes] = useState<Purpose[]>([]);
  const [how, setHow] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [affected, setAffected] = useState<string[] | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // The form or Lift button that had focus is gone afterwards: focus goes where the news is (the
  // list of affected recordings takes it itself when it opens).
  const [focusTo, setFocusTo] = useState<'section' | null>(null);
  useEffect(() => {
    if (focusTo === 'section') heading.current?.focus();
    setFocusTo(null);
  }, [focusTo]);

  async function act(work: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const record = (e: FormEvent) => {
    e.preventDefault();
    if (purposes.length === 0 || busy) return;
    void act(async () => {
      const r = await api.call('objections.add', { personId: person.id, purposes, ...(how.trim() ? { how: how.trim() } : {}) });
      await onChanged();
      setOpen(false);
      setPurposes([]);
      setHow('');
      setNotice(t('objection.recorded'));
      setAffected(r.affectedRecordings);
      if (r.affectedRecordings.length === 0) setFocusTo('section');
    });
  };

  const lift = (objectionId: string) =>
    void act(async () => {
      await api.call('objections.lift', { id: objectionId });
      await onChanged();
      setAffected(null);
      setNotice(t('objection.liftedNotice'));
      setFocusTo('section');
    });

  const toggle = (p: Purpose, on: boolean) => setPurposes((l) => (on ? [...l, p] : l.filter((x) => x !== p)));
  const purposeList = (ps: Purpose[]) => ps.map((p) => t(`consent.purpose.${p}`)).join(', ');

  return (
    <section className="objections" aria-labelledby={`${id}-h`}>
      <div className="section-row">
        <h3 id={`${id}-h`} ref={heading} tabIndex={-1}>
          {t('objection.heading')}
        </h3>
        <button type="button" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
          {t('objection.add')}
        </button>
      </div>
      <p className="muted small">{t('objection.help')}</p>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <ErrorAlert error={error} />
      {open && (
        <form className="people-form panel" onSubmit={record} aria-labelledby={`${id}-fh`}>
          <h4 id={`${id}-fh`}>{t('objection.form.heading', { name: person.pseudonym })}</h4>
          <fieldset aria-describedby={`${id}-li`}>
            <legend>{t('objection.form.purposes')}</legend>
            <div className="choice-grid">
              {ORDER.map((p) => (
                <label key={p}>
                  <input type="checkbox" checked={purposes.includes(p)} onChange={(e) => toggle(p, e.target.checked)} />
                  {t(`consent.purpose.${p}`)}
                </label>
              ))}
            </div>
            <p id={`${id}-li`} className="note small">
              {t('objection.form.legitimateInterest')}
            </p>
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-how`}>{t('objection.form.how')}</label>
            <input id={`${id}-how`} value={how} maxLength={200} onChange={(e) => setHow(e.target.value)} aria-describedby={`${id}-how-n`} />
            <p id={`${id}-how-n`} className="note small">
              {t('objection.form.howNote')}
            </p>
          </div>
          <div className="actions">
            <SubmitButton ready={purposes.length > 0} busy={busy} label={t('objection.form.submit')} busyLabel={t('consent.form.busy')} />
            <button type="button" onClick={() => setOpen(false)} disabled={busy}>
              {t('people.cancel')}
            </button>
          </div>
        </form>
      )}
      {affected && affected.length > 0 && (
        <DeleteForPerson
          key={affected.join()}
          personId={person.id}
          pseudonym={person.pseudonym}
          recordings={affected}
          name={name}
          reason={OBJECTION}
          heading={t('objection.affected.heading')}
          intro={t('objection.affected.text', { pseudonym: person.pseudonym })}
          note={t('objection.affected.how')}
          closeLabel={t('objection.affected.close')}
          level={4}
          onDeleted={() => {
            void onChanged();
            onDeleted?.();
          }}
          onFinished={() => {
            setAffected(null);
            setFocusTo('section');
          }}
        />
      )}
      {affected && affected.length === 0 && <p className="small">{t('objection.affected.none', { pseudonym: person.pseudonym })}</p>}
      {objections.length === 0 ? (
        <p className="empty">{t('objection.none')}</p>
      ) : (
        <PeopleTable labelledBy={`${id}-h`} columns={[t('consent.purposes'), t('objection.since'), t('objection.how'), t('consent.status')]} actions={t('consent.actions')}>
          {objections.map((o) => (
            <tr key={o.id} data-testid="objection-row">
              <td>{purposeList(o.purposes)}</td>
              <td>{showDate(o.madeAt, i18n.language)}</td>
              <td>{o.how ?? <span className="muted">{t('objection.noHow')}</span>}</td>
              <td>
                <span className={`badge objection-${o.liftedAt ? 'lifted' : 'standing'}`}>{t(o.liftedAt ? 'objection.lifted' : 'objection.standing')}</span>
                {o.liftedAt && <div className="muted small">{showDate(o.liftedAt, i18n.language)}</div>}
              </td>
              <td>
                {!o.liftedAt && (
                  <button type="button" disabled={busy} aria-label={t('objection.liftLabel', { purposes: purposeList(o.purposes) })} onClick={() => lift(o.id)}>
                    {t('objection.lift')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </PeopleTable>
      )}
    </section>
  );
}
