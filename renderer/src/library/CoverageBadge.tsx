import { useTranslation } from 'react-i18next';
import type { CoverageSummary } from './useCoverage';
import '../people/people.css';

/**
 * One glance at a recording's consent against its own purpose: covered, needs attention (who is
 * not covered, or no purpose yet) or blocked (U2 special category, past retention R7/H7). The
 * why is in the text for screen readers and in the tooltip for the pointer.
 */
export function CoverageBadge({ summary }: { summary: CoverageSummary | undefined }) {
  const { t } = useTranslation();
  if (!summary) return null;
  const why =
    summary.status === 'blocked'
      ? summary.blockers.map((b) => t(`coverageBadge.blocker.${b}`)).join('; ')
      : summary.noPurpose
        ? t('coverageBadge.noPurpose')
        : summary.uncovered.length
          ? t('coverageBadge.uncovered', { names: summary.uncovered.join(', ') })
          : summary.persons === 0
            ? t('coverageBadge.nobody')
            : t('coverageBadge.everyone', { count: summary.persons });
  return (
    <span className={`badge coverage-${summary.status}`} data-testid="coverage-badge" title={why}>
      <span className="visually-hidden">{t('coverageBadge.label')} </span>
      {t(`coverageBadge.status.${summary.status}`)}
      <span className="visually-hidden">: {why}</span>
    </span>
  );
}
