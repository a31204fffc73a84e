import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { SubmitButton } from '../components/SubmitButton';
import { useFormAction } from '../components/useFormAction';
import { AUDIENCES, PURPOSES, SIGNERS, today, type Audience, type Person, type Purpose, type Signer } from './vocab';

function toggle<T>(list: T[], v: T, on: boolean): T[] {
  return on ? (list.includes(v) ? list : [...list, v]) : list.filter((x) => x !== v);
}

/** Consent intake: what it covers, who signed, when; a guardian must sign for an under-16 (R2, H1). */
export function ConsentForm({ person, onAdded, onCancel }: { person: Person; onAdded: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  // the core's reading (minor, or a birth year that may make them under 16), as the gate checks it
  const under16 = person.under16;
  const [purposes, setPurposes] = useState<Purpose[]>([]);
  const [audiences, setAudiences] = useState<Audience[]>([]);
  const [signedBy, setSignedBy] = useState<Signer>(under16 ? 'guardian' : 'person');
  const [signedAt, setSignedAt] = useState(today());
  const [validUntil, setValidUntil] = useState('');
  const [formPath, setFormPath] = useState('');

  const guardianMissing = under16 && signedBy === 'person';
  const ready = purposes.length > 0 && audiences.length > 0 && signedAt !== '' && !guardianMissing;

  const { busy, error, submit } = useFormAction(async () => {
    await api.call('consents.add', {
      personId: person.id,
      purposes,
      audiences,
      signedBy,
      signedAt,
      ...(validUntil ? { validUntil } : {}),
      ...(formPath.trim() ? { formPath: formPath.trim() } : {}),
    });
    onAdded();
  });

  return (
    <form className="people-form panel" onSubmit={submit(ready)} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('consent.form.heading', { name: person.pseudonym })}</h3>
      <fieldset>
        <legend>{t('consent.purposes')}</legend>
        <div className="choice-grid">
          {PURPOSES.map((p) => (
            <label key={p}>
              <input type="checkbox" checked={purposes.includes(p)} onChange={(e) => setPurposes((l) => toggle(l, p, e.target.checked))} />
              {t(`consent.purpose.${p}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('consent.audiences')}</legend>
        <div className="choice-grid">
          {AUDIENCES.map((a) => (
            <label key={a}>
              <input type="checkbox" checked={audiences.includes(a)} onChange={(e) => setAudiences((l) => toggle(l, a, e.target.checked))} />
              {t(`consent.audience.${a}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {under16 && (
        <p className="warning" role="status">
          {t('consent.form.guardianNeeded')}
        </p>
      )}
      <fieldset>
        <legend>{t('consent.signedBy')}</legend>
        <div className="choice-grid">
          {SIGNERS.map((s) => (
            <label key={s}>
              <input type="radio" name={`${id}-signer`} value={s} checked={signedBy === s} onChange={() => setSignedBy(s)} />
              {t(`consent.signer.${s}`)}
            </label>
          ))}
        </div>
        {guardianMissing && (
          <p className="field-error" role="alert">
            {t('consent.form.guardianMissing')}
          </p>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-at`}>{t('consent.form.signedAt')}</label>
        <input id={`${id}-at`} type="date" value={signedAt} onChange={(e) => setSignedAt(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-until`}>{t('consent.form.validUntil')}</label>
        <input id={`${id}-until`} type="date" value={validUntil} min={signedAt || undefined} onChange={(e) => setValidUntil(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-form`}>{t('consent.form.formPath')}</label>
        <input id={`${id}-form`} value={formPath} onChange={(e) => setFormPath(e.target.value)} aria-describedby={`${id}-form-n`} />
        <p id={`${id}-form-n`} className="note small">
          {t('consent.form.formPathNote')}
        </p>
      </div>
      <ErrorAlert error={error} />
      <div className="actions">
        <SubmitButton ready={ready} busy={busy} label={t('consent.form.submit')} busyLabel={t('consent.form.busy')} />
        <button type="button" onClick={onCancel}>
          {t('people.cancel')}
        </button>
      </div>
    </form>
  );
}
