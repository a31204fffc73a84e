import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Track } from './geometry';
import type { PersonChoice } from './usePeople';

/**
 * The decision a proposed track needs (issue 6): it is person X — who stays visible with their
 * consent and is redacted without it — or it is not a person at all. Sharing waits for it.
 */
export function TrackDecision({ track, people, onDecide }: { track: Track; people: PersonChoice[]; onDecide: (track: Track) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [pick, setPick] = useState('');
  const name = track.label || track.id;
  const linked = people.filter((p) => p.linked);
  const others = people.filter((p) => !p.linked);
  const chosen = people.find((p) => p.id === pick) ?? null;
  const option = (p: PersonChoice) => (
    <option key={p.id} value={p.id}>
      {t(p.consented ? 'redact.who.consented' : 'redact.who.notConsented', { name: p.pseudonym })}
    </option>
  );
  return (
    <div className="redact-decide" role="group" aria-label={t('redact.who.group', { label: name })}>
      <p className="redact-undecided">{t('redact.needsDecision')}</p>
      <label htmlFor={`${id}-who`}>{t('redact.who.label')}</label>
      <select id={`${id}-who`} value={pick} onChange={(e) => setPick(e.currentTarget.value)}>
        <option value="">{t('redact.who.choose')}</option>
        {linked.length > 0 && <optgroup label={t('redact.who.linked')}>{linked.map(option)}</optgroup>}
        {others.length > 0 && <optgroup label={linked.length ? t('redact.who.others') : t('redact.who.everyone')}>{others.map(option)}</optgroup>}
      </select>
      <button type="button" disabled={!chosen} onClick={() => chosen && onDecide({ ...track, personId: chosen.id, label: track.label || chosen.pseudonym, decision: chosen.consented ? 'keep' : 'redact' })}>
        {t('redact.who.isPerson')}
      </button>
      <button type="button" onClick={() => onDecide({ ...track, decision: 'not-a-person' })}>
        {t('redact.who.notAPerson')}
      </button>
      {people.length === 0 && <p className="muted small">{t('redact.who.nobody')}</p>}
    </div>
  );
}
