import { FormEvent, useEffect, useState } from 'react';
import type { Page, UserView } from '@app/contracts';
import { ApiFailure, query } from '../api';
import { ErrorBanner, Field, fieldErrors, Pager } from '../components';
import { Link, useRouter } from '../router';
import { useSession } from '../session';
import { OtherErrors } from './create-application-page';

const PAGE_SIZE = 20;

export function PeoplePage() {
  const { api } = useSession();
  const [search, setSearch] = useState('');
  const [applied, setApplied] = useState('');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<Page<UserView>>();
  const [error, setError] = useState<unknown>();
  const [creating, setCreating] = useState(false);
  const cursor = cursors[cursors.length - 1];

  useEffect(() => {
    let live = true;
    setError(undefined);
    api.get<Page<UserView>>(`/users${query({ search: applied, limit: PAGE_SIZE, cursor })}`).then((result) => live && setPage(result), (failure: unknown) => live && setError(failure));
    return () => {
      live = false;
    };
  }, [api, applied, cursor]);

  if (error instanceof ApiFailure && error.status === 404) {
    return (
      <section>
        <h1>People</h1>
        <p className="empty">People management is not available on this server yet.</p>
      </section>
    );
  }

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setCursors([undefined]);
    setApplied(search.trim());
  };

  return (
    <section>
      <div className="page-head">
        <h1>People</h1>
        {!creating && (
          <button type="button" onClick={() => setCreating(true)}>
            Add person
          </button>
        )}
      </div>
      {creating && <CreatePerson onCancel={() => setCreating(false)} />}
      <form className="search" role="search" onSubmit={onSearch}>
        <label htmlFor="people-search" className="visually-hidden">
          Search people
        </label>
        <input id="people-search" type="search" placeholder="Search by username, name or email" value={search} onChange={(event) => setSearch(event.target.value)} />
        <button type="submit" className="secondary">
          Search
        </button>
      </form>
      <ErrorBanner error={error} />
      {page && page.items.length === 0 && <p className="empty">{applied ? `Nobody matches “${applied}”.` : 'Nobody yet.'}</p>}
      {page && page.items.length > 0 && (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Roles</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((person) => (
              <tr key={person.id}>
                <td data-label="Username">
                  <Link to={`/people/${encodeURIComponent(person.id)}`}>{person.username}</Link>
                </td>
                <td data-label="Name">{person.name ?? '—'}</td>
                <td data-label="Email">{person.email ?? '—'}</td>
                <td data-label="Roles">{person.roles.join(', ') || '—'}</td>
                <td data-label="Status">
                  <span className={`status ${person.disabled ? 'retired' : 'active'}`}>{person.disabled ? 'disabled' : 'active'}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        hasPrevious={cursors.length > 1}
        next={page?.next_cursor ?? null}
        onPrevious={() => setCursors((list) => list.slice(0, -1))}
        onNext={() => page?.next_cursor && setCursors((list) => [...list, page.next_cursor!])}
      />
    </section>
  );
}

function CreatePerson({ onCancel }: { onCancel: () => void }) {
  const { api } = useSession();
  const { navigate } = useRouter();
  const [form, setForm] = useState({ username: '', password: '', email: '', name: '', roles: '' });
  const [error, setError] = useState<unknown>();
  const errors = fieldErrors(error);
  const set = (key: keyof typeof form, value: string) => setForm((current) => ({ ...current, [key]: value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const person = await api.send<UserView>('POST', '/users', {
        username: form.username.trim(),
        password: form.password,
        ...(form.email.trim() ? { email: form.email.trim() } : {}),
        ...(form.name.trim() ? { name: form.name.trim() } : {}),
        roles: form.roles.split(/[\s,]+/).filter(Boolean),
      });
      navigate(`/people/${encodeURIComponent(person.id)}`);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-label="Add person">
      <h2>Add person</h2>
      <div className="row">
        <Field label="Username" error={errors.username}>
          {(props) => <input {...props} type="text" autoComplete="off" value={form.username} onChange={(event) => set('username', event.target.value)} />}
        </Field>
        <Field label="Initial password" error={errors.password}>
          {(props) => <input {...props} type="password" autoComplete="new-password" value={form.password} onChange={(event) => set('password', event.target.value)} />}
        </Field>
      </div>
      <div className="row">
        <Field label="Name" error={errors.name}>
          {(props) => <input {...props} type="text" value={form.name} onChange={(event) => set('name', event.target.value)} />}
        </Field>
        <Field label="Email" error={errors.email}>
          {(props) => <input {...props} type="email" value={form.email} onChange={(event) => set('email', event.target.value)} />}
        </Field>
      </div>
      <Field label="Roles" hint="Comma or space separated, e.g. admin" error={errors.roles}>
        {(props) => <input {...props} type="text" value={form.roles} onChange={(event) => set('roles', event.target.value)} />}
      </Field>
      <OtherErrors errors={errors} shown={['username', 'password', 'name', 'email', 'roles']} />
      <ErrorBanner error={error} />
      <div className="actions">
        <button type="submit">Add person</button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
