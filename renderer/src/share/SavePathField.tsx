import { savePicker } from './pickers';

interface Props {
  id: string;
  value: string;
  onChange: (path: string) => void;
  /** the name the save dialog proposes: what and when, never who is in it */
  defaultName: string;
  /** the button inside Electron, which opens the system's save dialog */
  chooseLabel: string;
  /** the field's label in a browser (the test host), where the full path is typed */
  pathLabel: string;
  note?: string;
  required?: boolean;
}

/** Where a file Kluis writes goes: the system's save dialog inside Electron, a typed full path elsewhere. */
export function SavePathField({ id, value, onChange, defaultName, chooseLabel, pathLabel, note, required }: Props) {
  const choose = savePicker();
  if (choose) {
    return (
      <p>
        <button type="button" onClick={() => void choose(defaultName).then((p) => p && onChange(p))}>
          {chooseLabel}
        </button>{' '}
        {value && <span className="mono">{value}</span>}
      </p>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>{pathLabel}</label>
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} spellCheck={false} required={required} aria-describedby={note ? `${id}-n` : undefined} />
      {note && (
        <p id={`${id}-n`} className="note small">
          {note}
        </p>
      )}
    </div>
  );
}
