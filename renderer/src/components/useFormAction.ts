import { useState, type FormEvent } from 'react';

/**
 * One submit handler for the vault forms: blocks double submits, keeps the error for
 * ErrorAlert, and stays busy after success because the screen is about to change.
 */
export function useFormAction(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  function submit(canSubmit: boolean) {
    return (e: FormEvent): void => {
      e.preventDefault();
      if (!canSubmit || busy) return;
      setBusy(true);
      setError(null);
      action().catch((err: unknown) => {
        setError(err);
        setBusy(false);
      });
    };
  }

  return { busy, error, submit };
}
