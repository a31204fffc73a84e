import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { toKluisError } from '../api/errors';

/**
 * A code we know gets its translation; an unknown one shows the core's own (English) sentence,
 * which is better than a generic "something went wrong". `overrides` lets a screen say it in context.
 */
export function errorText(t: TFunction, error: unknown, overrides: Record<string, string> = {}): string {
  const e = toKluisError(error);
  const key = overrides[e.code] ?? `errors.${e.code}`;
  return t(key, { defaultValue: e.message });
}

export function ErrorAlert({ error, overrides }: { error: unknown; overrides?: Record<string, string> }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  return (
    <p role="alert" className="alert">
      {errorText(t, error, overrides)}
    </p>
  );
}
