import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';
import { formatDateTime, formatSize } from '../format';

export type Recording = Output<'recordings.list'>['recordings'][number];

export function RecordingList({ recordings, labelledBy, vaultEmpty }: { recordings: Recording[]; labelledBy: string; vaultEmpty: boolean }) {
  const { t, i18n } = useTranslation();
  if (recordings.length === 0) return <p className="empty">{t(vaultEmpty ? 'home.empty' : 'recordings.empty')}</p>;
  return (
    <div className="table-scroll">
      <table className="recordings" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">{t('recordings.name')}</th>
            <th scope="col">{t('recordings.layout')}</th>
            <th scope="col">{t('recordings.captured')}</th>
            <th scope="col" className="num">
              {t('recordings.size')}
            </th>
            <th scope="col">{t('recordings.source')}</th>
          </tr>
        </thead>
        <tbody>
          {recordings.map((r) => (
            <tr key={r.id}>
              <th scope="row" className="rec-name">
                {r.label}
                {r.files > 1 && <span className="muted small block">{t('recordings.files', { count: r.files })}</span>}
              </th>
              <td>{t(`layouts.${r.layout}`)}</td>
              <td>{r.capturedAt ? formatDateTime(r.capturedAt, i18n.language) : <span className="muted">{t('recordings.unknownDate')}</span>}</td>
              <td className="num">{formatSize(r.bytes, i18n.language)}</td>
              <td>{r.sourceLabel}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
