import type { FormEvent, ReactNode } from 'react';
import { useFormValues } from './forms';

/** A page's title with its main actions beside it. */
export function PageHead({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="page-head">
      <h1>{title}</h1>
      {children}
    </div>
  );
}

/** The search box above a list: hands over the trimmed term when submitted. */
export function SearchForm({ id, label, placeholder, onSearch }: { id: string; label: string; placeholder: string; onSearch: (term: string) => void }) {
  const form = useFormValues({ search: '' });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(form.values.search.trim());
  };
  return (
    <form className="search" role="search" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input id={id} type="search" placeholder={placeholder} {...form.text('search')} />
      <button type="submit" className="secondary">
        Search
      </button>
    </form>
  );
}
