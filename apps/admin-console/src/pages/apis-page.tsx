import { useState } from 'react';
import type { ApiView } from '@app/contracts';
import { PageHead, SearchForm } from '../list-page';
import { PagedTable } from '../list-table';
import type { Column } from '../list-table';
import { keepSecret } from '../one-time-secret';
import { useCan } from '../permissions';
import { Link, useRouter } from '../router';
import { useSession } from '../session';
import { useSearchedList } from '../use-paged-list';
import { ApiForm } from './api-form';
import type { ApiFormInput } from './api-form';

const PAGE_SIZE = 20;

const COLUMNS: Column<ApiView>[] = [
  { label: 'Name', cell: (item) => <Link to={`/apis/${encodeURIComponent(item.id)}`}>{item.name}</Link> },
  { label: 'Identifier', cell: (item) => <code>{item.identifier}</code> },
  { label: 'Scopes', cell: (item) => item.scopes.map((scope) => scope.name).join(', ') || '—' },
  { label: 'Format', cell: (item) => item.access_token_format },
];

export function ApisPage() {
  const { api } = useSession();
  const { navigate } = useRouter();
  const { applied, search, ...list } = useSearchedList<ApiView>('/apis', PAGE_SIZE);
  const [creating, setCreating] = useState(false);
  const canCreate = useCan('apis:create');

  const create = async (input: ApiFormInput) => {
    const created = await api.send<ApiView>('POST', '/apis', input);
    if (created.client_secret) keepSecret(created.id, created.client_secret);
    navigate(`/apis/${encodeURIComponent(created.id)}`);
  };

  return (
    <section>
      <PageHead title="APIs">
        {canCreate && !creating && (
          <button type="button" onClick={() => setCreating(true)}>
            Register API
          </button>
        )}
      </PageHead>
      <p>Resource servers: tokens requested with <code>resource=&lt;identifier&gt;</code> are issued for them, with their scopes.</p>
      {creating && (
        <section className="panel" aria-labelledby="new-api-title">
          <h2 id="new-api-title">Register API</h2>
          <ApiForm label="Register API" onSubmit={create}>
            <button type="button" className="secondary" onClick={() => setCreating(false)}>
              Cancel
            </button>
          </ApiForm>
        </section>
      )}
      <SearchForm id="api-search" label="Search APIs" placeholder="Search by name or identifier" onSearch={search} />
      <PagedTable {...list} columns={COLUMNS} rowKey={(item) => item.id} empty={applied ? `No API matches “${applied}”.` : 'No APIs yet.'} />
    </section>
  );
}
