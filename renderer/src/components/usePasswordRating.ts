import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../electron/core/api/contract';
import { api } from '../api/client';
import { currentLang } from '../i18n';

export type Rating = Output<'vault.ratePassword'>;

const DEBOUNCE_MS = 250;

/**
 * Rates with the core (the same rule that will accept or refuse the password), debounced.
 * `current` is false while the shown rating belongs to an older text, so a form never
 * submits on a stale verdict.
 */
export function usePasswordRating(password: string): { rating: Rating | null; current: boolean } {
  const { i18n } = useTranslation();
  const lang = currentLang();
  const [state, setState] = useState<{ password: string; lang: string; rating: Rating } | null>(null);

  useEffect(() => {
    if (!password) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      api.call('vault.ratePassword', { password, lang }).then(
        (rating) => {
          if (!cancelled) setState({ password, lang, rating });
        },
        () => {
          // Unrated means not acceptable; the core refuses weak passwords anyway.
          if (!cancelled) setState({ password, lang, rating: { score: 0, acceptable: false, warning: '', suggestions: [] } });
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [password, lang, i18n]);

  if (!password) return { rating: null, current: true };
  return { rating: state?.rating ?? null, current: state?.password === password && state.lang === lang };
}
