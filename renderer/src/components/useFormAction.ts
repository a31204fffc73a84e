import { useState, type FormEvent } from 'react';

/**
 * One submit handler for the forms: blocks double submits and keeps the error for ErrorAlert.
 * By default it stays busy after success, because the screen is about to change; forms that stay
 * on screen (share export, feedback) pass `stayBusy: false`.
 */
export function useFormAction(action: () => Promise<void>, opts: { stayBusy?: boolean } = {}) {
  const stayBusy = opts.stayBusy ?? true;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  function submit(canSubmit: boolean) {
    return (e: FormEvent): void => {
      e.preventDefault();
      if (!canSubmit || busy) return;
      setBusy(true);
      setError(null);
      action().then(
        () => {
          if (!stayBusy) setBusy(false);
        },
        (err: unknown) => {
          setError(err);
          setBusy(false);
        },
      );
    };
  }

  return { busy, error, setError, submit };
}
