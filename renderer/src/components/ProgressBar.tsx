import { useTranslation } from 'react-i18next';
import { formatPercent } from '../format';

/**
 * A progressbar that screen readers can read: percent and a short text when the fraction is
 * known, indeterminate (no aria-valuenow) while it is not.
 */
export function ProgressBar({ labelledBy, fraction, detail }: { labelledBy: string; fraction: number | null; detail: string }) {
  const { i18n } = useTranslation();
  const percent = fraction === null ? null : Math.floor(fraction * 100);
  return (
    <div
      className="progress"
      role="progressbar"
      aria-labelledby={labelledBy}
      aria-valuemin={0}
      aria-valuemax={100}
      {...(fraction === null ? {} : { 'aria-valuenow': percent!, 'aria-valuetext': `${formatPercent(fraction, i18n.language)} · ${detail}` })}
    >
      <span className={percent === null ? 'indeterminate' : undefined} style={percent === null ? undefined : { width: `${percent}%` }} />
    </div>
  );
}
