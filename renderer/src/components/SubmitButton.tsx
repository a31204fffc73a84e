/** The primary button of a vault form: disabled until the form is ready, labelled while it works. */
export function SubmitButton({ ready, busy, label, busyLabel }: { ready: boolean; busy: boolean; label: string; busyLabel: string }) {
  return (
    <button type="submit" className="primary" disabled={!ready || busy} aria-busy={busy}>
      {busy ? busyLabel : label}
    </button>
  );
}
