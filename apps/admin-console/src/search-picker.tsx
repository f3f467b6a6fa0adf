import { useId, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import type { Page } from '@app/contracts';
import { query } from './api';
import { ErrorBanner, useSubmission } from './forms';
import { useSession } from './session';

interface SearchPickerProps<T> {
  /** Names the search form (e.g. "Add a person"); the input and each result's button are named after it. */
  label: string;
  placeholder: string;
  /** An admin list that takes `?search=`, e.g. `/users` or `/groups`. */
  source: string;
  itemKey: (item: T) => string;
  describe: (item: T) => ReactNode;
  /** What a result's button says, e.g. `Add dana`. */
  actionLabel: (item: T) => string;
  onPick: (item: T) => Promise<void> | void;
  /** Results that are there already (current members, say) are left out. */
  exclude?: (item: T) => boolean;
}

const RESULTS = 10;

/**
 * Finds something by a search term and acts on one of the results: a person or a group to add. It is not a
 * form of its own, so it can sit inside one (owners in an application's form): Enter searches, and
 * nothing here submits the form around it.
 */
export function SearchPicker<T>({ label, placeholder, source, itemKey, describe, actionLabel, onPick, exclude }: SearchPickerProps<T>) {
  const { api } = useSession();
  const id = useId();
  const [term, setTerm] = useState('');
  const [results, setResults] = useState<T[]>();
  const lookup = useSubmission();
  const pick = useSubmission();

  const search = () =>
    lookup.run(async () => {
      const page = await api.get<Page<T>>(`${source}${query({ search: term.trim(), limit: RESULTS })}`);
      setResults(page.items);
    });
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void search();
  };
  const choose = (item: T) =>
    pick.run(async () => {
      await onPick(item);
      setResults((current) => current?.filter((other) => itemKey(other) !== itemKey(item)));
    });
  const shown = results?.filter((item) => !exclude?.(item));

  return (
    <div className="picker">
      <div className="search" role="search" aria-label={label}>
        <label className="visually-hidden" htmlFor={id}>
          {label}
        </label>
        <input id={id} type="search" placeholder={placeholder} value={term} onChange={(event) => setTerm(event.target.value)} onKeyDown={onKeyDown} />
        <button type="button" className="secondary" disabled={lookup.busy} onClick={() => void search()}>
          Search
        </button>
      </div>
      <ErrorBanner error={lookup.error ?? pick.error} />
      {shown && shown.length === 0 && <p className="empty">Nothing found{term.trim() ? ` for “${term.trim()}”` : ''}.</p>}
      {shown && shown.length > 0 && (
        <ul className="picker-results" aria-label={`${label}: results`}>
          {shown.map((item) => (
            <li key={itemKey(item)}>
              <span>{describe(item)}</span>
              <button type="button" className="secondary small" disabled={pick.busy} onClick={() => void choose(item)}>
                {actionLabel(item)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
