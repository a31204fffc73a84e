import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { HandedOver, HandoverForm, recordingsTitle, type HandoverDone } from './HandoverForm';

type Choice = { id: string; title: string };

/**
 * U5 when leaving: several recordings at once (the library's detail panel hands over one). Choose
 * them, then the same form; its confirmation names how many left this vault.
 */
export function HandoverPicker({ onDone, onClose }: { onDone: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [all, setAll] = useState<Choice[] | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [step, setStep] = useState<'pick' | 'form' | HandoverDone>('pick');

  useEffect(() => {
    heading.current?.focus();
    let live = true;
    void api.call('recordings.list', {}).then((r) => live && setAll(r.recordings.map((x) => ({ id: x.id, title: x.label }))));
    return () => {
      live = false;
    };
  }, []);

  const picked = (all ?? []).filter((r) => chosen.has(r.id));
  const what = recordingsTitle(t, picked);
  const toggle = (rid: string, on: boolean): void =>
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(rid);
      else next.delete(rid);
      return next;
    });

  if (typeof step === 'object') return <HandedOver title={what} done={step} onClose={onClose} />;
  if (step === 'form')
    return (
      <HandoverForm
        recordings={picked}
        onDone={(d) => {
          setStep(d);
          onDone();
        }}
        onCancel={() => setStep('pick')}
      />
    );
  return (
    <section className="panel share-handover" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} ref={heading} tabIndex={-1}>
        {t('share.handover.pickHeading')}
      </h2>
      <p className="muted small">{t('share.handover.pickIntro')}</p>
      {all !== null && all.length === 0 && <p className="empty">{t('share.handover.pickNone')}</p>}
      {all !== null && all.length > 0 && (
        <fieldset>
          <legend>{t('share.handover.pickLegend')}</legend>
          <div className="check-field">
            <input id={`${id}-all`} type="checkbox" checked={chosen.size === all.length} onChange={(e) => setChosen(new Set(e.target.checked ? all.map((r) => r.id) : []))} />
            <label htmlFor={`${id}-all`}>{t('share.handover.pickAll')}</label>
          </div>
          {all.map((r) => (
            <div className="check-field" key={r.id}>
              <input id={`${id}-${r.id}`} type="checkbox" checked={chosen.has(r.id)} onChange={(e) => toggle(r.id, e.target.checked)} />
              <label htmlFor={`${id}-${r.id}`}>{r.title}</label>
            </div>
          ))}
        </fieldset>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={picked.length === 0} onClick={() => setStep('form')}>
          {t('share.handover.continue', { what })}
        </button>
        <button type="button" onClick={onClose}>
          {t('share.cancel')}
        </button>
      </div>
    </section>
  );
}
