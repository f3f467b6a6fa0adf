import type { ClientView } from '@app/contracts';
import { kindOf, presetOf } from '../application-types';
import { PageHead, SearchForm } from '../list-page';
import { PagedTable } from '../list-table';
import type { Column } from '../list-table';
import { useCan } from '../permissions';
import { Link } from '../router';
import { useSearchedList } from '../use-paged-list';

const PAGE_SIZE = 20;

const COLUMNS: Column<ClientView>[] = [
  {
    label: 'Name',
    cell: (client) => (
      <span>
        <Link to={`/applications/${encodeURIComponent(client.client_id)}`}>{client.client_name}</Link>
        {client.first_party && <span className="badge">first-party</span>}
      </span>
    ),
  },
  { label: 'Client ID', cell: (client) => <code>{client.client_id}</code> },
  { label: 'Type', cell: (client) => presetOf(kindOf(client)).label },
  { label: 'Grants', cell: (client) => client.grant_types.map((grant) => grant.replace('urn:ietf:params:oauth:grant-type:', '')).join(', ') },
];

export function ApplicationsPage() {
  const { applied, search, ...list } = useSearchedList<ClientView>('/clients', PAGE_SIZE);
  const canCreate = useCan('clients:create');
  return (
    <section>
      <PageHead title="Applications">
        {canCreate && (
          <Link to="/applications/new" className="button">
            Create application
          </Link>
        )}
      </PageHead>
      <SearchForm id="app-search" label="Search applications" placeholder="Search by name or client ID" onSearch={search} />
      <PagedTable
        {...list}
        columns={COLUMNS}
        rowKey={(client) => client.client_id}
        empty={applied ? `No application matches “${applied}”.` : 'No applications yet.'}
      />
    </section>
  );
}
