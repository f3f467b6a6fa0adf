import { useState } from 'react';
import type { UserView } from '@app/contracts';
import { ApiFailure } from '../api';
import { formatDate } from '../components';
import { ErrorBanner, Field, OtherErrors, useFormValues, useSubmission, words } from '../forms';
import { PageHead, SearchForm } from '../list-page';
import { PagedTable } from '../list-table';
import type { Column } from '../list-table';
import { useCan } from '../permissions';
import { Link, useRouter } from '../router';
import { useSession } from '../session';
import { useSearchedList } from '../use-paged-list';

const PAGE_SIZE = 20;
const SHOWN_FIELDS = ['username', 'password', 'name', 'email', 'roles'];

const COLUMNS: Column<UserView>[] = [
  { label: 'Username', cell: (person) => <Link to={`/people/${encodeURIComponent(person.id)}`}>{person.username}</Link> },
  { label: 'Name', cell: (person) => person.name ?? '—' },
  { label: 'Email', cell: (person) => person.email ?? '—' },
  { label: 'Roles', cell: (person) => person.roles.join(', ') || '—' },
  {
    label: 'Status',
    cell: (person) => {
      const status = person.disabled ? 'disabled' : person.locked_until ? 'locked' : 'active';
      return (
        <span className={`status ${status === 'active' ? 'active' : 'retired'}`} title={person.locked_until ? `Locked until ${formatDate(person.locked_until)}` : undefined}>
          {status}
        </span>
      );
    },
  },
];

export function PeoplePage() {
  const { applied, search, ...list } = useSearchedList<UserView>('/users', PAGE_SIZE);
  const [creating, setCreating] = useState(false);
  const canCreate = useCan('people:write');

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
        {canCreate && !creating && (
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
  const form = useFormValues({ username: '', password: '', email: '', name: '', roles: '' });
  const { values } = form;
  const submission = useSubmission();
  const errors = submission.fieldErrors;
  const create = async () => {
    const person = await api.send<UserView>('POST', '/users', {
      username: values.username.trim(),
      password: values.password,
      ...(values.email.trim() ? { email: values.email.trim() } : {}),
      ...(values.name.trim() ? { name: values.name.trim() } : {}),
      roles: words(values.roles),
    });
    navigate(`/people/${encodeURIComponent(person.id)}`);
  };
  return (
    <form className="form panel" onSubmit={submission.onSubmit(create)} noValidate aria-label="Add person">
      <h2>Add person</h2>
      <div className="row">
        <Field label="Username" error={errors.username}>
          {(props) => <input {...props} type="text" autoComplete="off" {...form.text('username')} />}
        </Field>
        <Field label="Initial password" error={errors.password}>
          {(props) => <input {...props} type="password" autoComplete="new-password" {...form.text('password')} />}
        </Field>
      </div>
      <div className="row">
        <Field label="Name" error={errors.name}>
          {(props) => <input {...props} type="text" {...form.text('name')} />}
        </Field>
        <Field label="Email" error={errors.email}>
          {(props) => <input {...props} type="email" {...form.text('email')} />}
        </Field>
      </div>
      <Field label="Roles" hint="Comma or space separated, e.g. admin" error={errors.roles}>
        {(props) => <input {...props} type="text" {...form.text('roles')} />}
      </Field>
      <OtherErrors errors={errors} shown={SHOWN_FIELDS} />
      <ErrorBanner error={submission.error} />
      <div className="actions">
        <button type="submit">Add person</button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
