import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { SelectField } from './SelectField';
import { AUDIENCES, PURPOSES, showDate, type Audience, type Person, type Purpose } from './vocab';

type Advice = Output<'sessionPlans.advise'>;
type Plan = Output<'sessionPlans.list'>[number];
type Recording = Output<'recordings.list'>['recordings'][number];

/**
 * Before recording (R4): who will be there, and the camera set-up their consent allows for the
 * intended purpose (H3). Plans are kept so a recording made from one can be attached to it.
 */
export function SessionPlanner({ persons }: { persons: Person[] }) {
  const { t } = useTranslation();
  const id = useId();
  const [title, setTitle] = useState('');
  const [purpose, setPurpose] = useState<Purpose>('reflection');
  const [audience, setAudience] = useState<Audience>('supervisor');
  const [chosen, setChosen] = useState<string[]>([]);
  const [threeSixty, setThreeSixty] = useState(false);
  const [advice, setAdvice] = useState<Advice | null>(null);
  const [plans, setPlans] = useState<Plan[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);

  const loadPlans = useCallback(() => {
    api.call('sessionPlans.list', {}).then(setPlans, setError);
  }, []);
  useEffect(loadPlans, [loadPlans]);

  // The advice follows every change of who, what for and which camera.
  useEffect(() => {
    let gone = false;
    api.call('sessionPlans.advise', { purpose, audience, personIds: chosen, threeSixty }).then(
      (a) => !gone && setAdvice(a),
      (e: unknown) => !gone && setError(e),
    );
    return () => {
      gone = true;
    };
  }, [purpose, audience, chosen, threeSixty]);

  async function save(e: FormEvent): Promise<void> {
    e.preventDefault();
    setError(null);
    try {
      await api.call('sessionPlans.create', { title: title.trim(), purpose, audience, personIds: chosen, threeSixty });
      setSaved(true);
      setTitle('');
      loadPlans();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <section className="consent-panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('sessionPlan.heading')}</h2>
      <p className="muted">{t('sessionPlan.intro')}</p>
      <form className="people-form" onSubmit={(e) => void save(e)}>
        <div className="field">
          <label htmlFor={`${id}-t`}>{t('sessionPlan.title')}</label>
          <input id={`${id}-t`} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field-row">
          <SelectField id={`${id}-p`} label={t('recordingConsent.purpose')} value={purpose} options={PURPOSES} optionLabel={(v) => t(`consent.purpose.${v}`)} onChange={setPurpose} />
          <SelectField id={`${id}-a`} label={t('consent.audiences')} value={audience} options={AUDIENCES} optionLabel={(v) => t(`consent.audience.${v}`)} onChange={setAudience} />
        </div>
        <fieldset>
          <legend>{t('sessionPlan.who')}</legend>
          {persons.length === 0 ? (
            <p className="muted small">{t('recordingConsent.noPersons')}</p>
          ) : (
            <div className="choice-grid">
              {persons.map((p) => (
                <label key={p.id}>
                  <input type="checkbox" checked={chosen.includes(p.id)} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, p.id] : c.filter((x) => x !== p.id)))} /> {p.pseudonym}
                </label>
              ))}
            </div>
          )}
        </fieldset>
        <div className="check-field">
          <input id={`${id}-360`} type="checkbox" checked={threeSixty} onChange={(e) => setThreeSixty(e.target.checked)} />
          <label htmlFor={`${id}-360`}>{t('sessionPlan.threeSixty')}</label>
        </div>
        <div role="status">{chosen.length === 0 ? <p className="muted small">{t('sessionPlan.pickWho')}</p> : advice && <AdviceView advice={advice} />}</div>
        <ErrorAlert error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={title.trim() === ''}>
            {t('sessionPlan.save')}
          </button>
        </div>
        {saved && <p className="notice small">{t('sessionPlan.saved')}</p>}
      </form>
      {plans.length > 0 && <PlanList plans={plans} onAttached={loadPlans} />}
    </section>
  );
}

function AdviceView({ advice }: { advice: Advice }) {
  const { t } = useTranslation();
  return (
    <div className={advice.advice === 'free' && !advice.threeSixtyRefused ? 'notice' : 'warning'} data-testid="camera-advice">
      <p>
        <strong>{t(`sessionPlan.advice.${advice.advice}`)}</strong> {t('sessionPlan.counted', { consented: advice.consented, total: advice.total })}
      </p>
      {advice.threeSixtyRefused && <p>{t('sessionPlan.noThreeSixty')}</p>}
      {advice.persons.some((p) => !p.consented) && (
        <p className="small">{t('sessionPlan.notConsented', { names: advice.persons.filter((p) => !p.consented).map((p) => p.pseudonym).join(', ') })}</p>
      )}
    </div>
  );
}

function PlanList({ plans, onAttached }: { plans: Plan[]; onAttached: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [recordings, setRecordings] = useState<Recording[]>([]);
  const [pick, setPick] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.call('recordings.list', {}).then((r) => setRecordings(r.recordings), setError);
  }, []);
  const label = (rid: string) => recordings.find((r) => r.id === rid)?.label ?? rid;

  async function attach(planId: string): Promise<void> {
    const recordingId = pick[planId] ?? recordings[0]?.id;
    if (!recordingId) return;
    setError(null);
    try {
      await api.call('sessionPlans.attach', { planId, recordingId });
      onAttached();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <div aria-labelledby={`${id}-h`} role="group">
      <h3 id={`${id}-h`}>{t('sessionPlan.plans')}</h3>
      <ErrorAlert error={error} />
      <ul className="plan-list">
        {plans.map((p) => (
          <li key={p.id} data-testid="session-plan">
            <strong>{p.title}</strong> <span className="muted small">· {showDate(p.createdAt, i18n.language)} · {t(`consent.purpose.${p.purpose}`)}</span>
            <div>
              {t(`sessionPlan.advice.${p.advice}`)} {t('sessionPlan.counted', { consented: p.consented, total: p.total })}
            </div>
            {p.recordings.length > 0 && <div className="small">{t('sessionPlan.attachedTo', { titles: p.recordings.map(label).join(', ') })}</div>}
            {recordings.length > 0 && (
              <div className="field-row">
                <div className="field">
                  <label htmlFor={`${id}-${p.id}`}>{t('sessionPlan.recording')}</label>
                  <select id={`${id}-${p.id}`} value={pick[p.id] ?? recordings[0]?.id} onChange={(e) => setPick((m) => ({ ...m, [p.id]: e.target.value }))}>
                    {recordings.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.label}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="button" onClick={() => void attach(p.id)}>
                  {t('sessionPlan.attach')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
