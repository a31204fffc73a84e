import { useTranslation } from 'react-i18next';

/** The editor's keys, LosslessCut's where it has one (docs: issue 6's UX anchor). Keep in step with RedactEditor's onKeyDown. */
export const SHORTCUTS: readonly { keys: string[]; action: string }[] = [
  { keys: ['Space', 'K'], action: 'play' },
  { keys: ['←', '→', ',', '.'], action: 'frame' },
  { keys: ['Shift+←', 'Shift+→', 'Ctrl+←', 'Ctrl+→'], action: 'second' },
  { keys: ['Home', 'End'], action: 'ends' },
  { keys: ['I', 'O'], action: 'inOut' },
  { keys: ['B'], action: 'box' },
  { keys: ['Delete', 'Backspace'], action: 'delete' },
  { keys: ['Ctrl+Z'], action: 'undo' },
  { keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], action: 'redo' },
  { keys: ['?'], action: 'help' },
];

/** The list of keys, always in the page (a disclosure, so it is reachable by Tab and opened with Enter or "?"). */
export function Shortcuts({ open, onToggle }: { open: boolean; onToggle: (open: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <details className="redact-shortcuts" open={open} onToggle={(e) => onToggle(e.currentTarget.open)}>
      <summary aria-keyshortcuts="?">{t('redact.keys.title')}</summary>
      <table>
        <caption className="visually-hidden">{t('redact.keys.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('redact.keys.key')}</th>
            <th scope="col">{t('redact.keys.does')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(`redact.keys.${s.action}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
