import { useId, useState } from 'react';
import { SelectField } from './SelectField';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { SubmitButton } from '../components/SubmitButton';
import { useFormAction } from '../components/useFormAction';
import { HOLDERS, ROLES, mayBeUnder16, type ConsentHolder, type Person, type Role } from './vocab';

/** A pseudonym or initials by default (R10); the full name and contact are optional and stay encrypted. */
export function AddPersonForm({ onAdded, onCancel }: { onAdded: (p: Person) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [pseudonym, setPseudonym] = useState('');
  const [fullName, setFullName] = useState('');
  const [contact, setContact] = useState('');
  const [role, setRole] = useState<Role>('pupil');
  const [holder, setHolder] = useState<ConsentHolder>('school-protocol');
  const [birthYear, setBirthYear] = useState('');
  const [minor, setMinor] = useState(false);

  const year = birthYear.trim() === '' ? undefined : Number(birthYear);
  const yearOk = year === undefined || (Number.isInteger(year) && year >= 1900 && year <= 2100);
  const ready = pseudonym.trim() !== '' && yearOk;
  const under16 = mayBeUnder16({ minor, birthYear: yearOk && year !== undefined ? year : null });

  const { busy, error, submit } = useFormAction(async () => {
    const p = await api.call('persons.add', {
      pseudonym: pseudonym.trim(),
      role,
      consentHolder: holder,
      ...(fullName.trim() ? { fullName: fullName.trim() } : {}),
      ...(contact.trim() ? { contact: contact.trim() } : {}),
      ...(year !== undefined ? { birthYear: year } : {}),
      ...(minor ? { minor: true } : {}),
    });
    onAdded(p);
  });

  return (
    <form className="people-form panel" onSubmit={submit(ready)} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('people.form.heading')}</h2>
      <div className="field">
        <label htmlFor={`${id}-ps`}>{t('people.form.pseudonym')}</label>
        <input id={`${id}-ps`} value={pseudonym} onChange={(e) => setPseudonym(e.target.value)} maxLength={100} required aria-describedby={`${id}-ps-n`} />
        <p id={`${id}-ps-n`} className="note small">
          {t('people.form.pseudonymNote')}
        </p>
      </div>
      <SelectField id={`${id}-role`} label={t('people.form.role')} value={role} options={ROLES} optionLabel={(v) => t(`people.roles.${v}`)} onChange={setRole} />
      <div className="field">
        <label htmlFor={`${id}-year`}>{t('people.form.birthYear')}</label>
        <input id={`${id}-year`} className="short" inputMode="numeric" value={birthYear} onChange={(e) => setBirthYear(e.target.value)} aria-invalid={!yearOk} />
      </div>
      <div className="check-field">
        <input id={`${id}-minor`} type="checkbox" checked={minor} onChange={(e) => setMinor(e.target.checked)} />
        <label htmlFor={`${id}-minor`}>{t('people.form.minor')}</label>
      </div>
      {under16 && (
        <p className="warning" role="status">
          {t('people.form.guardianWarning')}
        </p>
      )}
      <SelectField id={`${id}-holder`} label={t('people.form.holder')} value={holder} options={HOLDERS} optionLabel={(v) => t(`people.holders.${v}`)} onChange={setHolder} />
      <details className="small-details">
        <summary>{t('people.form.more')}</summary>
        <div className="field">
          <label htmlFor={`${id}-full`}>{t('people.form.fullName')}</label>
          <input id={`${id}-full`} value={fullName} onChange={(e) => setFullName(e.target.value)} maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-contact`}>{t('people.form.contact')}</label>
          <input id={`${id}-contact`} value={contact} onChange={(e) => setContact(e.target.value)} maxLength={200} />
        </div>
      </details>
      <ErrorAlert error={error} />
      <div className="actions">
        <SubmitButton ready={ready} busy={busy} label={t('people.form.submit')} busyLabel={t('people.form.busy')} />
        <button type="button" onClick={onCancel}>
          {t('people.cancel')}
        </button>
      </div>
    </form>
  );
}
