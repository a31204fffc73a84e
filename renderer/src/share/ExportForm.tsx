import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormAction } from '../components/useFormAction';
import { SelectField } from '../people/SelectField';
import { today } from '../people/vocab';
import { packageFileName } from './pickers';
import { SavePathField } from './SavePathField';
import { AUDIENCES, PURPOSES, SHARE_ERRORS, type Audience, type Gate, type PlaylistItem, type Purpose } from './types';

/** n days after today, as <input type=date> wants it; counted from the local day, not UTC's. */
function inDays(n: number): string {
  const [y, m, d] = today().split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/**
 * Export: pick recordings, purpose, audience, expiry and a recipient. The share gate is asked
 * first and its refusals are shown per recording and per person; only then is anything written.
 * Given a playlist it exports a videotoets instead: the clips in that order, cut to their in/out
 * points. The output path comes from the system's save dialog inside Electron, typed elsewhere.
 */
export function ExportForm({ initialIds, playlist, onDone, onCancel }: { initialIds: string[]; playlist?: PlaylistItem[]; onDone: () => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [recordings, setRecordings] = useState<{ id: string; label: string }[]>([]);
  const [picked, setPicked] = useState<Set<string>>(new Set(initialIds));
  const [purpose, setPurpose] = useState<Purpose>(playlist ? 'videotoets' : 'reflection');
  const [audience, setAudience] = useState<Audience>(playlist ? 'assessor' : 'supervisor');
  const [expires, setExpires] = useState(inDays(14));
  const [mode, setMode] = useState<'key' | 'passphrase'>('key');
  const [publicKey, setPublicKey] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [recipientName, setRecipientName] = useState('');
  const [senderName, setSenderName] = useState('');
  const [watermark, setWatermark] = useState('');
  const [outPath, setOutPath] = useState('');
  const [gate, setGate] = useState<Gate | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    heading.current?.focus();
    api.call('recordings.list', {}).then((r) => setRecordings(r.recordings.map((x) => ({ id: x.id, label: x.label }))), setError);
  }, []);

  const keyOk = /^age1[02-9ac-hj-np-z]{58}$/.test(publicKey.trim());
  const recipientOk = mode === 'key' ? keyOk : passphrase.length >= 12;
  const ids = playlist ? [...new Set(playlist.map((p) => p.recordingId))] : [...picked];
  const ready = ids.length > 0 && recipientOk && senderName.trim() !== '' && outPath.trim() !== '' && /^\d{4}-\d{2}-\d{2}$/.test(expires);

  const { busy, error, setError, submit } = useFormAction(async () => {
    setDone(null);
    const g = await api.call('share.gate', { recordingIds: ids, purpose, audience });
    setGate(g);
    if (!g.ok) return;
    const name = recipientName.trim() ? { name: recipientName.trim() } : {};
    const out = await api.call('share.export', {
      ...(playlist ? { kind: 'videotoets' as const } : {}),
      items: playlist ? playlist.map(({ recordingId, inSec, outSec }) => ({ recordingId, ...(inSec !== undefined ? { inSec } : {}), ...(outSec !== undefined ? { outSec } : {}) })) : ids.map((recordingId) => ({ recordingId })),
      purpose,
      audience,
      expires,
      recipients: [mode === 'key' ? { type: 'x25519', publicKey: publicKey.trim(), ...name } : { type: 'passphrase', passphrase, ...name }],
      senderName: senderName.trim(),
      ...(watermark.trim() ? { watermark: watermark.trim() } : {}),
      outPath: outPath.trim(),
    });
    setDone(out.path);
    onDone();
  }, { stayBusy: false });

  const label = (rid: string) => recordings.find((r) => r.id === rid)?.label ?? rid;

  return (
    <form className="panel share-export" onSubmit={submit(ready)} aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`} ref={heading} tabIndex={-1}>
        {t(playlist ? 'share.videotoets.exportHeading' : 'share.export.heading')}
      </h2>
      {!playlist && (
        <fieldset>
          <legend>{t('share.export.recordings')}</legend>
          {recordings.length === 0 && <p className="muted">{t('share.export.noRecordings')}</p>}
          {recordings.map((r) => (
            <div className="check-field" key={r.id}>
              <input
                id={`${id}-r-${r.id}`}
                type="checkbox"
                checked={picked.has(r.id)}
                onChange={(e) => {
                  const next = new Set(picked);
                  if (e.target.checked) next.add(r.id);
                  else next.delete(r.id);
                  setPicked(next);
                  setGate(null);
                }}
              />
              <label htmlFor={`${id}-r-${r.id}`}>{r.label}</label>
            </div>
          ))}
        </fieldset>
      )}
      <SelectField id={`${id}-purpose`} label={t('share.export.purpose')} value={purpose} options={PURPOSES} optionLabel={(v) => t(`consent.purpose.${v}`)} onChange={(v) => (setPurpose(v), setGate(null))} />
      <SelectField id={`${id}-audience`} label={t('share.export.audience')} value={audience} options={AUDIENCES} optionLabel={(v) => t(`consent.audience.${v}`)} onChange={(v) => (setAudience(v), setGate(null))} />
      <div className="field">
        <label htmlFor={`${id}-exp`}>{t('share.export.expires')}</label>
        <input id={`${id}-exp`} type="date" value={expires} onChange={(e) => setExpires(e.target.value)} required />
      </div>
      <fieldset>
        <legend>{t('share.export.recipient')}</legend>
        <div className="check-field">
          <input id={`${id}-mk`} type="radio" name={`${id}-mode`} checked={mode === 'key'} onChange={() => setMode('key')} />
          <label htmlFor={`${id}-mk`}>{t('share.export.byKey')}</label>
        </div>
        <div className="check-field">
          <input id={`${id}-mp`} type="radio" name={`${id}-mode`} checked={mode === 'passphrase'} onChange={() => setMode('passphrase')} />
          <label htmlFor={`${id}-mp`}>{t('share.export.byPassphrase')}</label>
        </div>
        {mode === 'key' ? (
          <div className="field">
            <label htmlFor={`${id}-key`}>{t('share.export.key')}</label>
            <input id={`${id}-key`} value={publicKey} onChange={(e) => setPublicKey(e.target.value)} spellCheck={false} autoComplete="off" aria-invalid={publicKey !== '' && !keyOk} />
          </div>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-pass`}>{t('share.export.passphrase')}</label>
            <input id={`${id}-pass`} type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="new-password" aria-describedby={`${id}-pass-n`} />
            <p id={`${id}-pass-n`} className="note small">
              {t('share.export.passphraseNote')}
            </p>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-rn`}>{t('share.export.recipientName')}</label>
          <input id={`${id}-rn`} value={recipientName} onChange={(e) => setRecipientName(e.target.value)} maxLength={120} />
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-sn`}>{t('share.export.senderName')}</label>
        <input id={`${id}-sn`} value={senderName} onChange={(e) => setSenderName(e.target.value)} maxLength={120} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-wm`}>{t('share.export.watermark')}</label>
        <input id={`${id}-wm`} value={watermark} onChange={(e) => setWatermark(e.target.value)} maxLength={120} />
      </div>
      <SavePathField
        id={`${id}-out`}
        value={outPath}
        onChange={setOutPath}
        defaultName={packageFileName(playlist ? 'videotoets' : 'share', expires)}
        chooseLabel={t('share.export.chooseOut')}
        pathLabel={t('share.export.outPath')}
        note={t('share.export.outPathNote')}
      />
      {gate && !gate.ok && (
        <div role="alert" className="alert share-gate" data-testid="share-gate">
          <p>{t('share.gate.refused')}</p>
          <ul>
            {gate.recordings
              .filter((r) => !r.ok)
              .map((r) => (
                <li key={r.recordingId}>
                  <strong>{label(r.recordingId)}</strong>
                  <ul>
                    {r.refusals.map((code) => (
                      <li key={code}>{t(`share.refusals.${code}`)}</li>
                    ))}
                    {r.persons
                      .filter((p) => p.verdict === 'refused')
                      .map((p) => (
                        <li key={p.personId}>
                          {p.pseudonym}: {p.reasons.map((c) => t(`coverage.reason.${c}`, { defaultValue: t(`share.reasons.${c}`) })).join(', ')}
                        </li>
                      ))}
                  </ul>
                </li>
              ))}
          </ul>
        </div>
      )}
      <ErrorAlert error={error} overrides={SHARE_ERRORS} />
      {done && (
        <p role="status" className="notice">
          {t('share.export.done', { path: done })}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={!ready || busy} aria-busy={busy}>
          {busy ? t('share.export.busy') : t('share.export.submit')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('share.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
