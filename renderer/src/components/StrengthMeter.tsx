import { useTranslation } from 'react-i18next';
import type { Rating } from './usePasswordRating';

interface Props {
  id: string;
  password: string;
  rating: Rating | null;
  current: boolean;
}

/** Always rendered, so the live region exists before its text changes and screen readers hear it. */
export function StrengthMeter({ id, password, rating, current }: Props) {
  const { t } = useTranslation();
  const score = rating ? Math.max(0, Math.min(4, Math.round(rating.score))) : 0;
  const show = password !== '' && rating !== null;
  return (
    <div id={id} className="strength" aria-live="polite" aria-atomic="true">
      {password !== '' && !rating && <p className="muted">{t('strength.checking')}</p>}
      {show && (
        <>
          <div className="meter" data-score={score} data-acceptable={rating.acceptable} aria-hidden="true">
            <span />
          </div>
          <p className="strength-summary">
            {t('strength.summary', { label: t(`strength.label${score}`), score })}{' '}
            <span className={rating.acceptable ? 'ok' : 'not-ok'}>{t(rating.acceptable ? 'strength.acceptable' : 'strength.notAcceptable')}</span>
            {!current && <span className="visually-hidden"> {t('strength.checking')}</span>}
          </p>
          {rating.warning && <p className="strength-warning">{rating.warning}</p>}
          {rating.suggestions.length > 0 && (
            <ul className="strength-tips" aria-label={t('strength.tips')}>
              {rating.suggestions.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
