import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';
import { api } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { ScreenHeading } from '../components/ScreenHeading';
import { showDate } from './vocab';
import './people.css';

type Entry = Output<'audit.list'>[number];
type Verdict = Output<'audit.verify'>;

const LIMIT = 500;

/** The audit log, newest first, and a check that its hash chain is unbroken. */
export function AuditScreen() {
  const { t, i18n } = useTranslation();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [names, setNames] = useState<Map<string, string>>(new Map());

  const load = useCallback(async () => {
    try {
      const list = await api.call('audit.list', { limit: LIMIT });
      setEntries([...list].sort((a, b) => b.seq - a.seq));
      // Subjects are ids; the pseudonym or title reads better. The id stays when a lookup fails.
      const [persons, recordings] = await Promise.all([api.call('persons.list', {}).catch(() => []), api.call('recordings.list', {}).catch(() => ({ recordings: [] }))]);
      setNames(new Map([...persons.map((p): [string, string] => [p.id, p.pseudonym]), ...recordings.recordings.map((r): [string, string] => [r.id, r.label])]));
    } catch (e) {
      setError(e);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function verify(): Promise<void> {
    setVerifying(true);
    setError(null);
    setVerdict(null);
    try {
      setVerdict(await api.call('audit.verify', {}));
    } catch (e) {
      setError(e);
    } finally {
      setVerifying(false);
    }
  }

  return (
    <section className="card wide people-screen">
      <div className="title-row">
        <ScreenHeading>{t('audit.title')}</ScreenHeading>
        <div className="actions">
          <button type="button" onClick={() => void load()}>
            {t('audit.refresh')}
          </button>
          <button type="button" className="primary" onClick={() => void verify()} disabled={verifying} aria-busy={verifying}>
            {verifying ? t('audit.verifying') : t('audit.verify')}
          </button>
        </div>
      </div>
      <p className="muted">{t('audit.intro')}</p>
      <div role="status" aria-live="polite">
        {verdict &&
          (verdict.ok ? (
            <p className="notice">{t('audit.intact', { count: verdict.entries })}</p>
          ) : (
            <div className="alert">
              <p>{t('audit.broken', { count: verdict.problems.length })}</p>
              <ul>
                {verdict.problems.map((p) => (
                  <li key={`${p.seq}-${p.problem}`}>{t('audit.problem', { seq: p.seq, problem: p.problem })}</li>
                ))}
              </ul>
            </div>
          ))}
      </div>
      <ErrorAlert error={error} />
      {entries === null ? (
        !error && <p role="status">{t('people.loading')}</p>
      ) : entries.length === 0 ? (
        <p className="empty">{t('audit.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="people-table">
            <caption className="visually-hidden">{t('audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('audit.time')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.subject')}</th>
                <th scope="col">{t('audit.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq}>
                  <td className="mono">{e.seq}</td>
                  <td>
                    <time dateTime={e.at}>{showDate(e.at, i18n.language, true)}</time>
                  </td>
                  <td className="mono nowrap">{e.action}</td>
                  <td>
                    {e.subject === null ? (
                      '—'
                    ) : names.has(e.subject) ? (
                      <>
                        {names.get(e.subject)}
                        <div className="mono small muted">{e.subject}</div>
                      </>
                    ) : (
                      <span className="mono">{e.subject}</span>
                    )}
                  </td>
                  <td className="small">
                    {Object.entries(e.detail)
                      .map(([k, v]) => `${k}: ${String(v)}`)
                      .join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
