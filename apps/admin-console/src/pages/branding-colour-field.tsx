import { Field } from '../forms';
import { DEFAULT_PRIMARY_COLOR, isHexColor } from './branding-values';

/**
 * The primary colour twice: a native colour picker and the hex text it stands for, each following the
 * other. The text is what is saved (empty: the built-in colour); the picker shows the built-in colour then.
 */
export function ColourField({ value, onChange, error }: { value: string; onChange: (value: string) => void; error?: string }) {
  const picked = isHexColor(value) ? value.trim().toLowerCase() : DEFAULT_PRIMARY_COLOR;
  return (
    <Field label="Primary colour" hint={`A hex colour such as ${DEFAULT_PRIMARY_COLOR}, used for buttons and links. Empty: the built-in colour.`} error={error}>
      {(props) => (
        <div className="colour-pair">
          <input type="color" aria-label="Pick the primary colour" value={picked} onChange={(event) => onChange(event.target.value)} />
          <input {...props} type="text" spellCheck={false} autoComplete="off" placeholder={DEFAULT_PRIMARY_COLOR} value={value} onChange={(event) => onChange(event.target.value)} />
          {value !== '' && (
            <button type="button" className="secondary small" onClick={() => onChange('')}>
              Use the built-in colour
            </button>
          )}
        </div>
      )}
    </Field>
  );
}
