import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { SelectField } from './SelectField';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { SubmitButton } from '../components/SubmitButton';
import { AUDIENCES, BASES, PRESENCES, PURPOSES, SITUATIONS, showDate, type Audience, type Basis, type Person, type Presence, type Purpose, type Situation } from './vocab';
import './people.css';

type Info = NonNullable<Output<'recordings.consentInfo'>>;
type Preset = Output<'retention.presets'>[number];
type Appearance = Output<'appearances.list'>[number];
type Coverage = Output<'coverage.check'>;
type NeedsConsent = Output<'recordings.setPurpose'>['needsConsent'];

/**
 * Everything about one recording's use: its purpose, basis and retention; who appears in it; and
 * whether everyone is covered for a given purpose and audience. Self-contained: mount it with a
 * recording id (the library's detail panel does).
 */
export function RecordingConsentPanel({ recordingId }: { recordingId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [info, setInfo] = useState<Info | null | undefined>(undefined);
  const [presets, setPresets] = useState<Preset[]>([]);
  const [persons, setPersons] = useState<Person[]>([]);
  const [appearances, setAppearances] = useState<Appearance[]>([]);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      const [i, pr, ps, ap] = await Promise.all([
        api.call('recordings.consentInfo', { recordingId }),
        api.call('retention.presets', {}),
        api.call('persons.list', {}),
        api.call('appearances.list', { recordingId }),
      ]);
      setInfo(i);
      setPresets(pr);
      setPersons(ps);
      setAppearances(ap);
    } catch (e) {
      setError(e);
    }
  }, [recordingId]);

  useEffect(() => {
    void load();
  }, [load]);

  if (info === undefined) return error ? <ErrorAlert error={error} /> : <p role="status">{t('people.loading')}</p>;

  return (
    <section className="consent-panel" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('recordingConsent.heading')}</h3>
      <ErrorAlert error={error} />
      {info?.situation === 'outside-school' && (
        // H4: in situation 3 the student holds the consents, so the student reminds people of their right to withdraw.
        <p className="note" data-testid="withdraw-reminder">
          {t('recordingConsent.withdrawReminder')}
        </p>
      )}
      <PurposeForm recordingId={recordingId} info={info} presets={presets} onSaved={(i) => setInfo(i)} />
      <Appearances recordingId={recordingId} persons={persons} appearances={appearances} onAdded={() => void load()} />
      <CoverageCheck recordingId={recordingId} initialPurpose={info?.purpose ?? 'reflection'} />
    </section>
  );
}

function PurposeForm({ recordingId, info, presets, onSaved }: { recordingId: string; info: Info | null; presets: Preset[]; onSaved: (i: Info) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [purpose, setPurpose] = useState<Purpose>(info?.purpose ?? 'reflection');
  const [basis, setBasis] = useState<Basis>(info?.lawfulBasis ?? 'consent');
  const [situation, setSituation] = useState<Situation>(info?.situation ?? 'partner-school');
  const [special, setSpecial] = useState(info?.specialCategory ?? false);
  const [owner, setOwner] = useState(info?.owner ?? '');
  const [presetId, setPresetId] = useState(info?.retentionPreset ?? '');
  const [anchorDate, setAnchorDate] = useState('');
  const [deadline, setDeadline] = useState('');
  const [archive, setArchive] = useState(info?.consentArchive ?? '');
  const [result, setResult] = useState<{ info: Info; needsConsent: NeedsConsent } | null>(null);

  const chosen = presets.find((p) => p.id === presetId) ?? presets[0];
  const needsAnchor = chosen?.from === 'anchor';
  const needsDeadline = chosen?.from === 'explicit';
  const ready = !!chosen && owner.trim() !== '' && (!needsAnchor || anchorDate !== '') && (!needsDeadline || deadline !== '');

  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // Not useFormAction: that one stays busy after success, and this form stays on screen for the next change.
  async function save(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (!chosen || !ready || busy) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await api.call('recordings.setPurpose', {
        recordingId,
        purpose,
        lawfulBasis: basis,
        situation,
        specialCategory: special,
        owner: owner.trim(),
        retentionPreset: chosen.id,
        ...(needsAnchor ? { anchorDate } : {}),
        ...(needsDeadline ? { deadline } : {}),
        ...(archive.trim() ? { consentArchive: archive.trim() } : {}),
      });
      setResult(r);
      onSaved(r.info);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const presetLabel = (p: Preset) => t(`retention.preset.${p.id}`, { defaultValue: p.label });

  return (
    <form className="people-form" onSubmit={(e) => void save(e)} aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t('recordingConsent.purposeHeading')}</h4>
      {info ? (
        <p className="small">
          {t('recordingConsent.current', {
            purpose: t(`consent.purpose.${info.purpose}`),
            basis: t(`recordingConsent.basis.${info.lawfulBasis}`),
            deadline: showDate(info.retentionDeadline, i18n.language),
          })}
        </p>
      ) : (
        <p className="warning small">{t('recordingConsent.noPurpose')}</p>
      )}
      <div className="field-row">
      <SelectField id={`${id}-p`} label={t('recordingConsent.purpose')} value={purpose} options={PURPOSES} optionLabel={(v) => t(`consent.purpose.${v}`)} onChange={setPurpose} />
      <SelectField id={`${id}-b`} label={t('recordingConsent.lawfulBasis')} value={basis} options={BASES} optionLabel={(v) => t(`recordingConsent.basisOption.${v}`)} onChange={setBasis} />
      <SelectField id={`${id}-s`} label={t('recordingConsent.situation')} value={situation} options={SITUATIONS} optionLabel={(v) => t(`recordingConsent.situations.${v}`)} onChange={setSituation} />
      </div>
      <div className="check-field">
        <input id={`${id}-sc`} type="checkbox" checked={special} onChange={(e) => setSpecial(e.target.checked)} aria-describedby={`${id}-sc-n`} />
        <label htmlFor={`${id}-sc`}>{t('recordingConsent.special')}</label>
      </div>
      <p id={`${id}-sc-n`} className="note small">
        {t('recordingConsent.specialNote')}
      </p>
      <div className="field">
        <label htmlFor={`${id}-o`}>{t('recordingConsent.owner')}</label>
        <input id={`${id}-o`} value={owner} onChange={(e) => setOwner(e.target.value)} maxLength={200} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-r`}>{t('recordingConsent.retention')}</label>
        <select id={`${id}-r`} value={chosen?.id ?? ''} onChange={(e) => setPresetId(e.target.value)} aria-describedby={`${id}-r-n`}>
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              {t('recordingConsent.presetOption', { label: presetLabel(p), rule: p.rule })}
            </option>
          ))}
        </select>
        {chosen && (
          <p id={`${id}-r-n`} className="note small">
            {t('recordingConsent.presetRule', { rule: chosen.rule, from: t(`recordingConsent.from.${chosen.from}`) })}
          </p>
        )}
      </div>
      {needsAnchor && (
        <div className="field">
          <label htmlFor={`${id}-a`}>{t('recordingConsent.anchorDate', { anchor: t(`retention.anchor.${chosen.id}`, { defaultValue: chosen.anchor ?? '' }) })}</label>
          <input id={`${id}-a`} type="date" value={anchorDate} onChange={(e) => setAnchorDate(e.target.value)} required />
        </div>
      )}
      {needsDeadline && (
        <div className="field">
          <label htmlFor={`${id}-d`}>{t('recordingConsent.deadline')}</label>
          <input id={`${id}-d`} type="date" value={deadline} onChange={(e) => setDeadline(e.target.value)} required />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-ar`}>{t('recordingConsent.archive')}</label>
        <input id={`${id}-ar`} value={archive} onChange={(e) => setArchive(e.target.value)} maxLength={500} />
      </div>
      <ErrorAlert error={error} />
      <div className="actions">
        <SubmitButton ready={ready} busy={busy} label={t('recordingConsent.save')} busyLabel={t('consent.form.busy')} />
      </div>
      <div role="status">
        {result && (
          <>
            <p className="notice">{t('recordingConsent.saved', { deadline: showDate(result.info.retentionDeadline, i18n.language) })}</p>
            {result.needsConsent.length > 0 && (
              <div className="warning">
                <p>{t('recordingConsent.needsConsent')}</p>
                <ul>
                  {result.needsConsent.map((n) => (
                    <li key={`${n.personId}-${n.why}`}>
                      {n.pseudonym}: {t(`recordingConsent.why.${n.why}`)}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </>
        )}
      </div>
    </form>
  );
}

function Appearances({ recordingId, persons, appearances, onAdded }: { recordingId: string; persons: Person[]; appearances: Appearance[]; onAdded: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [personId, setPersonId] = useState('');
  const [presence, setPresence] = useState<Presence>('both');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const name = (pid: string) => persons.find((p) => p.id === pid)?.pseudonym ?? pid;
  const present = new Set(appearances.map((a) => a.personId));
  const candidates = persons.filter((p) => !present.has(p.id));
  const chosen = candidates.some((p) => p.id === personId) ? personId : (candidates[0]?.id ?? '');

  async function add(): Promise<void> {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('appearances.add', { recordingId, personId: chosen, presence });
      onAdded();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="people-form" role="group" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t('recordingConsent.appearances')}</h4>
      {appearances.length === 0 ? (
        <p className="empty">{t('recordingConsent.noAppearances')}</p>
      ) : (
        <ul aria-labelledby={`${id}-h`}>
          {appearances.map((a) => (
            <li key={a.personId}>
              {name(a.personId)} · {t(`recordingConsent.presence.${a.presence}`)}
            </li>
          ))}
        </ul>
      )}
      {candidates.length > 0 ? (
        <fieldset>
          <legend>{t('recordingConsent.addAppearance')}</legend>
          <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-p`}>{t('recordingConsent.person')}</label>
            <select id={`${id}-p`} value={chosen} onChange={(e) => setPersonId(e.target.value)}>
              {candidates.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.pseudonym}
                </option>
              ))}
            </select>
          </div>
          <SelectField id={`${id}-pr`} label={t('recordingConsent.presenceLabel')} value={presence} options={PRESENCES} optionLabel={(v) => t(`recordingConsent.presence.${v}`)} onChange={setPresence} />
          </div>
          <ErrorAlert error={error} />
          <button type="button" onClick={() => void add()} disabled={busy} aria-busy={busy}>
            {t('recordingConsent.addAppearanceButton')}
          </button>
        </fieldset>
      ) : (
        persons.length === 0 && <p className="muted small">{t('recordingConsent.noPersons')}</p>
      )}
    </div>
  );
}

function CoverageCheck({ recordingId, initialPurpose }: { recordingId: string; initialPurpose: Purpose }) {
  const { t } = useTranslation();
  const id = useId();
  const [purpose, setPurpose] = useState<Purpose>(initialPurpose);
  const [audience, setAudience] = useState<Audience>('supervisor');
  const [result, setResult] = useState<Coverage | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function check(): Promise<void> {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api.call('coverage.check', { recordingId, purpose, audience }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="people-form" role="group" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{t('coverage.heading')}</h4>
      <div className="field-row">
      <SelectField id={`${id}-p`} label={t('recordingConsent.purpose')} value={purpose} options={PURPOSES} optionLabel={(v) => t(`consent.purpose.${v}`)} onChange={setPurpose} />
      <SelectField id={`${id}-a`} label={t('consent.audiences')} value={audience} options={AUDIENCES} optionLabel={(v) => t(`consent.audience.${v}`)} onChange={setAudience} />
      </div>
      <button type="button" onClick={() => void check()} disabled={busy} aria-busy={busy}>
        {t('coverage.check')}
      </button>
      <ErrorAlert error={error} />
      <div role="status">
        {result && (
          <div>
            <p className={result.shareable ? 'notice' : 'warning'}>{result.shareable ? t('coverage.shareable') : t('coverage.notShareable')}</p>
            {result.blockers.length > 0 && (
              <ul aria-label={t('coverage.blockersLabel')}>
                {result.blockers.map((b) => (
                  <li key={b}>{t(`coverage.blocker.${b}`)}</li>
                ))}
              </ul>
            )}
            {result.persons.length === 0 ? (
              <p className="muted">{t('coverage.nobody')}</p>
            ) : (
              <table className="people-table">
                <caption className="visually-hidden">{t('coverage.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('recordingConsent.person')}</th>
                    <th scope="col">{t('coverage.covered')}</th>
                    <th scope="col">{t('coverage.why')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.persons.map((p) => (
                    <tr key={p.personId}>
                      <td>{p.pseudonym}</td>
                      <td className={p.covered ? 'coverage-yes' : 'coverage-no'}>{p.covered ? t('coverage.yes') : t('coverage.no')}</td>
                      <td>
                        {p.covered
                          ? p.coveredBy && 'basis' in p.coveredBy
                            ? t('coverage.byBasis', { basis: t(`recordingConsent.basis.${p.coveredBy.basis}`) })
                            : t('coverage.byConsent')
                          : p.reasons.map((r) => t(`coverage.reason.${r}`)).join('; ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
