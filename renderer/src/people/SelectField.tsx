/** A labelled select over a fixed list of values, each shown by its translation. */
export function SelectField<T extends string>(props: { id: string; label: string; value: T; options: readonly T[]; optionLabel: (v: T) => string; onChange: (v: T) => void }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map((v) => (
          <option key={v} value={v}>
            {props.optionLabel(v)}
          </option>
        ))}
      </select>
    </div>
  );
}
