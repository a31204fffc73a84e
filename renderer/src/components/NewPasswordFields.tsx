import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from './PasswordField';
import { StrengthMeter } from './StrengthMeter';
import type { Rating } from './usePasswordRating';

interface Props {
  label: string;
  password: string;
  confirm: string;
  onPassword: (v: string) => void;
  onConfirm: (v: string) => void;
  rating: Rating | null;
  current: boolean;
}

/** New password + live strength + repeat; the caller owns the rating so it can gate its button. */
export function NewPasswordFields({ label, password, confirm, onPassword, onConfirm, rating, current }: Props) {
  const { t } = useTranslation();
  const meterId = useId();
  const mismatchId = useId();
  const mismatch = confirm !== '' && confirm !== password;
  return (
    <>
      <PasswordField label={label} value={password} onChange={onPassword} autoComplete="new-password" describedBy={meterId} />
      <StrengthMeter id={meterId} password={password} rating={rating} current={current} />
      <PasswordField
        label={t('common.confirmPassword')}
        value={confirm}
        onChange={onConfirm}
        autoComplete="new-password"
        describedBy={mismatch ? mismatchId : undefined}
        invalid={mismatch}
      />
      {mismatch && (
        <p id={mismatchId} className="field-error">
          {t('common.mismatch')}
        </p>
      )}
    </>
  );
}

/** Only a verdict on exactly this text counts, so a fast typist cannot submit on a stale rating. */
export function newPasswordReady(r: { rating: Rating | null; current: boolean }, password: string, confirm: string): boolean {
  return r.current && r.rating?.acceptable === true && password === confirm;
}
