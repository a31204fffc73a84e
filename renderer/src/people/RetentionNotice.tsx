import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';
import { api } from '../api/client';
import { SharedCopies } from '../share/SharedCopies';
import { showDate } from './vocab';

type Run = Output<'retention.autoRuns'>[number];

/**
 * Automatic retention deletes without asking (H7, R7); this says afterwards what went and why,
 * and stays until the user has read it. The audit log keeps each deletion with its rule.
 */
export function RetentionNotice() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [runs, setRuns] = useState<Run[]>([]);

  const load = useCallback(() => {
    api.call('retention.autoRuns', {}).then(setRuns, () => undefined);
  }, []);
  useEffect(() => {
    load();
    return api.onEvent((e) => e.type === 'retention.autoDeleted' && load());
  }, [load]);

  const deleted = runs.flatMap((r) => r.due.filter((d) => r.deleted.some((x) => x.recordingId === d.recordingId)));
  if (deleted.length === 0) return null;
  return (
    <div className="notice retention-notice" role="status" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('autoRetention.heading', { count: deleted.length })}</h2>
      <p>{t('autoRetention.why')}</p>
      <ul>
        {deleted.map((d) => (
          <li key={d.recordingId}>
            {t('autoRetention.line', {
              title: d.label,
              deadline: showDate(d.retentionDeadline, i18n.language),
              preset: t(`retention.preset.${d.retentionPreset}`, { defaultValue: d.retentionPreset }),
              rule: d.rule,
            })}
            <SharedCopies recordingId={d.recordingId} withDerivatives />
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => void api.call('retention.autoRuns', { dismiss: true }).then(() => setRuns([]), () => undefined)}>
        {t('autoRetention.dismiss')}
      </button>
    </div>
  );
}
