import { useEffect, useId, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';
import { api } from '../api/client';
import { toKluisError } from '../api/errors';
import { ErrorAlert } from '../components/ErrorAlert';
import { ManifestView } from './ManifestView';
import { filePicker } from './pickers';
import { SHARE_ERRORS, type Received } from './types';

type Opened = Output<'share.open'>;

/**
 * Open a package: the system's open dialog inside Electron, a typed path elsewhere, or a file
 * dropped on the Share screen (`dropped`). A passphrase field appears when the package asks for one.
 */
export function OpenPackage({ onOpened, dropped }: { onOpened: () => void; dropped?: { path: string; at: number } | null }) {
  const { t } = useTranslation();
  const id = useId();
  const [path, setPath] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [askPass, setAskPass] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [opened, setOpened] = useState<Received | null>(null);
  const [notice, setNotice] = useState<string[] | null>(null);
  const choose = filePicker();

  async function open(p: string): Promise<void> {
    setBusy(true);
    setError(null);
    setOpened(null);
    setNotice(null);
    try {
      const out = await api.call('share.open', { path: p, ...(passphrase ? { passphrase } : {}) });
      if (out.kind === 'received') setOpened(out.package);
      else setNotice(noticeOf(t, out));
      onOpened();
    } catch (err) {
      const code = toKluisError(err).code;
      if (code === 'WRONG_PASSPHRASE' || code === 'NO_MATCHING_KEY') setAskPass(true);
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  // A drop names the file and opens it at once; a passphrase asked for is typed and submitted after.
  useEffect(() => {
    if (!dropped) return;
    setPath(dropped.path);
    void open(dropped.path);
    // only a new drop opens: open() reads the passphrase typed so far, which must not re-trigger it
  }, [dropped]);

  function submit(e: FormEvent): void {
    e.preventDefault();
    if (path.trim() && !busy) void open(path.trim());
  }

  async function pick(): Promise<void> {
    const chosen = await choose!();
    if (!chosen) return;
    setPath(chosen);
    await open(chosen);
  }

  return (
    <section aria-labelledby={`${id}-h`} className="panel share-open">
      <h2 id={`${id}-h`}>{t('share.open.heading')}</h2>
      <p className="muted small">{t('share.open.dropHint')}</p>
      <form onSubmit={submit}>
        {choose ? (
          <p>
            <button type="button" disabled={busy} onClick={() => void pick()}>
              {t('share.open.choose')}
            </button>{' '}
            {path && <span className="mono">{path}</span>}
          </p>
        ) : (
          <div className="field">
            <label htmlFor={`${id}-path`}>{t('share.open.path')}</label>
            <input id={`${id}-path`} value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} />
          </div>
        )}
        {askPass ? (
          <div className="field">
            <label htmlFor={`${id}-pass`}>{t('share.open.passphrase')}</label>
            <input id={`${id}-pass`} type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="off" />
          </div>
        ) : (
          <button type="button" className="link" onClick={() => setAskPass(true)}>
            {t('share.open.usePassphrase')}
          </button>
        )}
        <ErrorAlert error={error} overrides={SHARE_ERRORS} />
        {notice && (
          <div role="status" className="notice" data-testid="share-open-notice">
            {notice.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
        )}
        <div className="actions">
          <button type="submit" disabled={!path.trim() || busy} aria-busy={busy}>
            {busy ? t('share.open.busy') : t('share.open.submit')}
          </button>
        </div>
      </form>
      {opened && <ManifestView manifest={opened.manifest} focus />}
    </section>
  );
}

/** What a feedback or handover package did to this vault, in sentences. */
function noticeOf(t: TFunction, out: Exclude<Opened, { kind: 'received' }>): string[] {
  if (out.kind === 'feedback') return [t('share.open.feedback', { count: out.attached, sender: out.sender })];
  const h = out.handover;
  return [
    t('share.open.handover', { count: h.recordingIds.length, sender: h.sender, reason: h.reason, owner: h.owner }),
    ...(h.expiredOnArrival.length > 0 ? [t('share.open.expiredOnArrival', { list: h.expiredOnArrival.join(', ') })] : []),
    ...(h.alreadyOpen ? [t('share.open.alreadyOpen')] : []),
  ];
}
