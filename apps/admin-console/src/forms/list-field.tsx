import { useId, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';

/**
 * A list of names (groups, client IDs, owners) edited one entry at a time: each entry with its Remove
 * button, then whatever adds one (`children`: a text input, a search). `empty` says what no entry means,
 * which for these lists is rarely "nothing" (no allowed group means everyone).
 */
export function ListField({
  label,
  items,
  describe = (item) => item,
  onRemove,
  empty,
  hint,
  error,
  disabled,
  children,
}: {
  label: string;
  items: readonly string[];
  describe?: (item: string) => ReactNode;
  onRemove: (item: string) => void;
  empty: string;
  hint?: string;
  error?: string;
  disabled?: boolean;
  children?: ReactNode;
}) {
  return (
    <fieldset className={`list-field${error ? ' has-error' : ''}`}>
      <legend>{label}</legend>
      {items.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <ul className="chips" aria-label={label}>
          {items.map((item) => (
            <li key={item}>
              <span>{describe(item)}</span>
              {!disabled && (
                <button type="button" className="secondary small" aria-label={`Remove ${item} from ${label.toLowerCase()}`} onClick={() => onRemove(item)}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!disabled && children}
      {hint && <p className="hint">{hint}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Adds one typed name to a ListField; Enter adds it instead of submitting the surrounding form. */
export function AddNameInput({ label, suggestions = [], onAdd }: { label: string; suggestions?: readonly string[]; onAdd: (name: string) => void }) {
  const id = useId();
  const [name, setName] = useState('');
  const add = () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    onAdd(trimmed);
    setName('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    add();
  };
  return (
    <div className="add-name">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input id={id} type="text" placeholder={label} list={suggestions.length ? `${id}-suggestions` : undefined} value={name} onChange={(event) => setName(event.target.value)} onKeyDown={onKeyDown} />
      {suggestions.length > 0 && (
        <datalist id={`${id}-suggestions`}>
          {suggestions.map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
      )}
      <button type="button" className="secondary" onClick={add}>
        {label}
      </button>
    </div>
  );
}
