import { FormEvent, useState } from 'react';
import type { UserView } from '@app/contracts';
import { ApiFailure } from '../api';
import { ErrorBanner, Field, fieldErrors } from '../components';
import { PageHead, SearchForm } from '../list-page';
import { Column, PagedTable } from '../list-table';
import { Link, useRouter } from '../router';
import { useSession } from '../session';
import { useSearchedList } from '../use-paged-list';
import { OtherErrors } from './create-application-page';

const PAGE_SIZE = 20;

const COLUMNS: Column<UserView>[] = [
  { label: 'Username', cell: (person) => <Link to={`/people/${encodeURIComponent(person.id)}`}>{person.username}</Link> },
  { label: 'Name', cell: (person) => person.name ?? '—' },
  { label: 'Email', cell: (person) => person.email ?? '—' },
  { label: 'Roles', cell: (person) => person.roles.join(', ') || '—' },
  {
    label: 'Status',
    cell: (person) => <span className={`status ${person.disabled ? 'retired' : 'active'}`}>{person.disabled ? 'disabled' : 'active'}</span>,
  },
];

export function PeoplePage() {
  const { applied, search, ...list } = useSearchedList<UserView>('/users', PAGE_SIZE);
  const [creating, setCreating] = useState(false);

  if (list.error instanceof ApiFailure && list.error.status === 404) {
    return (
      <section>
        <h1>People</h1>
        <p className="empty">People management is not available on this server yet.</p>
      </section>
    );
  }

  return (
    <section>
      <PageHead title="People">
        {!creating && (
          <button type="button" onClick={() => setCreating(true)}>
            Add person
          </button>
        )}
      </PageHead>
      {creating && <CreatePerson onCancel={() => setCreating(false)} />}
      <SearchForm id="people-search" label="Search people" placeholder="Search by username, name or email" onSearch={search} />
      <PagedTable
        {...list}
        columns={COLUMNS}
        rowKey={(person) => person.id}
        empty={applied ? `Nobody matches “${applied}”.` : 'Nobody yet.'}
        loading={null}
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
