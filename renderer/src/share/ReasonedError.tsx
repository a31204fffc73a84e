import { useTranslation } from 'react-i18next';
import { toKluisError } from '../api/errors';
import { errorText } from '../components/ErrorAlert';

/**
 * The form's own sentence for the error, and for NOT_ALLOWED also the core's: that code has
 * several causes (no purpose yet, own key, file exists, others in the recording…) and only the
 * core's sentence says which.
 */
export function ReasonedError({ error, overrides }: { error: unknown; overrides: Record<string, string> }) {
  const { t } = useTranslation();
  const e = toKluisError(error);
  return (
    <div role="alert" className="alert">
      <p>{errorText(t, error, overrides)}</p>
      {e.code === 'NOT_ALLOWED' && <p className="small">{e.message}</p>}
    </div>
  );
}
