import { useTranslation } from 'react-i18next';
import { formatSize } from '../../format';
import { fileProblemText } from './fileErrors';
import type { FileReport, UnitReport } from './types';

function FileProblem({ file }: { file: FileReport }) {
  const { t } = useTranslation();
  const problem = fileProblemText(t, file);
  if (!problem) return null;
  if (problem.english) {
    // No code to translate by: the core's own sentence, marked so a screen reader pronounces it as English.
    return (
      <li>
        <span className="mono">{file.relPath}</span>: <span lang="en">{problem.text}</span>
      </li>
    );
  }
  return (
    <li>
      {problem.text}
      {problem.detail && (
        <details className="small-details error-detail">
          <summary>{t('import.report.errorDetail')}</summary>
          <p lang="en" className="mono small">
            {problem.detail}
          </p>
        </details>
      )}
    </li>
  );
}

export function UnitRow({ unit }: { unit: UnitReport }) {
  const { t, i18n } = useTranslation();
  const problems = unit.files.filter((f) => f.error || f.errorCode);
  const bytes = unit.files.reduce((n, f) => n + f.size, 0);
  return (
    <li>
      <div className="unit-line">
        <span className="unit-main">
          <span className="item-name">{unit.label}</span>
          <span className="muted small block">
            {t(`layouts.${unit.layout}`)} · {t('import.preview.fileCount', { count: unit.files.length })}
            {unit.files.length > 0 && ` · ${formatSize(bytes, i18n.language)}`}
          </span>
        </span>
        <span className={`badge outcome-${unit.outcome}`}>{t(`import.outcome.${unit.outcome}`)}</span>
      </div>
      {problems.length > 0 && (
        <ul className="file-errors" aria-label={t('import.report.problemsLabel', { label: unit.label })}>
          {problems.map((f) => (
            <FileProblem key={f.relPath} file={f} />
          ))}
        </ul>
      )}
      {unit.files.length > 0 && (
        <details className="small-details">
          <summary>{t('import.report.fileDetails')}</summary>
          <ul className="small">
            {unit.files.map((f) => (
              <li key={f.relPath}>
                <span className="mono">{f.relPath}</span> · {t(`import.fileOutcome.${f.outcome}`)} · {t(`import.fileWipe.${f.wipe}`)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}
