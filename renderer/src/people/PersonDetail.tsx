import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { ConsentForm } from './ConsentForm';
import { FormViewer } from './FormViewer';
import { Objections, type Objection } from './Objections';
import { WithdrawalFollowUp } from './WithdrawalFollowUp';
import { PeopleTable } from './PeopleTable';
import { PersonCopyForm } from '../share/PersonCopyForm';
import { showDate, type Consent, type Person } from './vocab';

interface Detail {
  person: Person;
  consents: Consent[];
  objections: Objection[];
  recordings: string[];
}

/** One person: who they are, their consents and withdrawing one in a single confirmed action (R1), and their objections (A2). */
export function PersonDetail({ personId, onRecordingsDeleted }: { personId: string; onRecordingsDeleted?: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [labels, setLabels] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const [intake, setIntake] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [fresh, setFresh] = useState(true);
  // after a withdrawal: the recordings it touched, offered for deletion (R7)
  const [followUp, setFollowUp] = useState<string[] | null>(null);
  const [copying, setCopying] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = detail !== null;

  // Keyboard and screen-reader users land on the person they chose, and come back here when a
  // form or confirmation they used closes (it would otherwise drop focus to the page's start).
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);
  // The Withdraw button hides while its confirmation shows: focus moves to the confirming button,
  // once the list of affected recordings is current (it is disabled until then).
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming && fresh) confirmButton.current?.focus();
  }, [confirming, fresh]);
  const backToHeading = () => requestAnimationFrame(() => heading.current?.focus());

  const load = useCallback(async () => {
    try {
      setDetail(await api.call('persons.get', { id: personId }));
    } catch (e) {
      setError(e);
    }
  }, [personId]);

  // Titles for the recordings a withdrawal touches; the ids are shown when this fails.
  const loadLabels = useCallback(() => {
    api.call('recordings.list', {}).then(
      (r) => setLabels(new Map(r.recordings.map((x) => [x.id, x.label]))),
      () => undefined,
    );
  }, []);

  useEffect(() => {
    void load();
    loadLabels();
  }, [load, loadLabels]);

  async function withdraw(consentId: string): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const r = await api.call('consents.withdraw', { id: consentId, how: t('consent.withdrawHow') });
      setNotice(t('consent.withdrawn', { count: r.affectedRecordings.length }));
      setConfirming(null);
      await load();
      // With recordings to deal with, the follow-up takes focus; otherwise back to the person.
      if (r.affectedRecordings.length > 0) setFollowUp(r.affectedRecordings);
      else backToHeading();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (!detail) return error ? <ErrorAlert error={error} /> : <p role="status">{t('people.loading')}</p>;
  const { person, consents, objections, recordings } = detail;
  const name = (rid: string) => labels.get(rid) ?? rid;

  return (
    <article aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} ref={heading} tabIndex={-1}>
        {person.pseudonym}
      </h2>
      <dl className="person-facts">
        <dt>{t('people.form.role')}</dt>
        <dd>{t(`people.roles.${person.role}`)}</dd>
        {person.fullName && (
          <>
            <dt>{t('people.form.fullName')}</dt>
            <dd>{person.fullName}</dd>
          </>
        )}
        {person.birthYear !== null && (
          <>
            <dt>{t('people.birthYear')}</dt>
            <dd>{person.birthYear}</dd>
          </>
        )}
        {person.minor && (
          <>
            <dt>{t('people.minor')}</dt>
            <dd>{t('people.yes')}</dd>
          </>
        )}
        <dt>{t('people.form.holder')}</dt>
        <dd>{t(`people.holders.${person.consentHolder}`)}</dd>
        <dt>{t('people.recordingsCount')}</dt>
        <dd>{recordings.length}</dd>
      </dl>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <ErrorAlert error={error} />
      <div className="section-row">
        <h3 id={`${id}-c`}>{t('consent.heading')}</h3>
        <button type="button" aria-expanded={intake} onClick={() => setIntake((v) => !v)}>
          {t('consent.add')}
        </button>
      </div>
      {intake && (
        <ConsentForm
          person={person}
          onAdded={() => {
            setIntake(false);
            setNotice(t('consent.added'));
            void load();
            backToHeading();
          }}
          onCancel={() => {
            setIntake(false);
            backToHeading();
          }}
        />
      )}
      {consents.length === 0 ? (
        <p className="empty">{t('consent.none')}</p>
      ) : (
        <PeopleTable labelledBy={`${id}-c`} columns={[t('consent.purposes'), t('consent.audiences'), t('consent.signedBy'), t('consent.validUntil'), t('consent.status')]} actions={t('consent.actions')}>
          {consents.map((c) => (
            <tr key={c.id} data-testid="consent-row">
              <td>{c.purposes.map((p) => t(`consent.purpose.${p}`)).join(', ')}</td>
              <td>{c.audiences.map((a) => t(`consent.audience.${a}`)).join(', ')}</td>
              <td>
                {t(`consent.signer.${c.signedBy}`)}
                <div className="muted small">{showDate(c.signedAt, i18n.language)}</div>
              </td>
              <td>{c.validUntil ? showDate(c.validUntil, i18n.language) : t('consent.noEnd')}</td>
              <td>
                <span className={`badge consent-status-${c.status}`}>{t(`consent.statusName.${c.status}`)}</span>
                {c.withdrawnAt && <div className="muted small">{showDate(c.withdrawnAt, i18n.language)}</div>}
              </td>
              <td>
                {c.formBlobId && (
                  <button type="button" aria-pressed={viewing === c.id} onClick={() => setViewing((v) => (v === c.id ? null : c.id))}>
                    {t('consentForm.view')}
                  </button>
                )}{' '}
                {c.status === 'active' && confirming !== c.id && (
                  <button
                    type="button"
                    onClick={() => {
                      setConfirming(c.id);
                      // Appearances may have changed since this opened: the list must be today's.
                      setFresh(false);
                      setFollowUp(null);
                      loadLabels();
                      void load().then(() => setFresh(true));
                    }}
                  >
                    {t('consent.withdraw')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </PeopleTable>
      )}
      {viewing && (
        <FormViewer
          key={viewing}
          consentId={viewing}
          personName={person.pseudonym}
          onClose={() => {
            setViewing(null);
            backToHeading();
          }}
        />
      )}
      {!followUp && !confirming && recordings.length > 0 && consents.some((c) => c.status === 'withdrawn') && (
        // "Decide later" must not mean never (R7): the offer stays while the person is in recordings.
        <p>
          <button type="button" onClick={() => setFollowUp(recordings)}>
            {t('withdrawal.reopen')}
          </button>
        </p>
      )}
      {followUp && (
        <WithdrawalFollowUp
          key={followUp.join()}
          personId={person.id}
          pseudonym={person.pseudonym}
          recordings={followUp}
          name={name}
          onDeleted={() => {
            void load();
            onRecordingsDeleted?.();
          }}
          onFinished={() => {
            setFollowUp(null);
            backToHeading();
          }}
        />
      )}
      {confirming && (
        <div className="warning" role="group" aria-labelledby={`${id}-w`}>
          <h3 id={`${id}-w`}>{t('consent.confirmHeading', { name: person.pseudonym })}</h3>
          {!fresh ? (
            <p role="status">{t('people.loading')}</p>
          ) : recordings.length === 0 ? (
            <p>{t('consent.noRecordings')}</p>
          ) : (
            <>
              <p>{t('consent.affected', { count: recordings.length })}</p>
              <ul aria-label={t('consent.affectedLabel')}>
                {recordings.map((r) => (
                  <li key={r}>{name(r)}</li>
                ))}
              </ul>
            </>
          )}
          <p className="small">{t('consent.confirmNote')}</p>
          <div className="actions">
            <button type="button" className="primary" ref={confirmButton} disabled={busy || !fresh} aria-busy={busy} onClick={() => void withdraw(confirming)}>
              {t('consent.confirmWithdraw')}
            </button>
            <button
              type="button"
              onClick={() => {
                setConfirming(null);
                backToHeading();
              }}
              disabled={busy}
            >
              {t('people.cancel')}
            </button>
          </div>
        </div>
      )}
      <Objections
        person={person}
        objections={objections}
        name={name}
        onChanged={async () => {
          loadLabels();
          await load();
        }}
        onDeleted={onRecordingsDeleted}
      />
      {copying ? (
        <PersonCopyForm
          personId={person.id}
          pseudonym={person.pseudonym}
          onClose={() => {
            setCopying(false);
            backToHeading();
          }}
        />
      ) : (
        recordings.length > 0 && (
          <p>
            <button type="button" onClick={() => setCopying(true)}>
              {t('share.personCopy.open', { name: person.pseudonym })}
            </button>
          </p>
        )
      )}
    </article>
  );
}
