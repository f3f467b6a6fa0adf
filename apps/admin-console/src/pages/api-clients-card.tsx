import type { ApiClientView } from '@app/contracts';
import { PagedTable } from '../list-table';
import type { Column } from '../list-table';
import { useCan } from '../permissions';
import { Link } from '../router';
import { usePagedList } from '../use-paged-list';

const PAGE_SIZE = 20;

/** The applications holding this API's scopes, and so allowed to name it as `resource` (RFC 8707). */
export function ApiClientsCard({ apiId }: { apiId: string }) {
  const canReadClients = useCan('clients:read');
  const list = usePagedList<ApiClientView>(`/apis/${encodeURIComponent(apiId)}/clients`, { limit: PAGE_SIZE });
  const columns: Column<ApiClientView>[] = [
    { label: 'Application', cell: (item) => item.client_name },
    {
      label: 'Client ID',
      cell: (item) => (canReadClients ? <Link to={`/applications/${encodeURIComponent(item.client_id)}`}>{item.client_id}</Link> : <code>{item.client_id}</code>),
    },
    { label: 'Scopes', cell: (item) => item.scopes.join(' ') },
    { label: 'As itself', cell: (item) => (item.client_credentials ? 'Yes (client credentials)' : 'No') },
  ];
  return (
    <section className="panel wide" aria-labelledby="api-clients-title">
      <h2 id="api-clients-title">Applications that may call this API</h2>
      <p className="hint">Applications holding at least one of its scopes. Give one access from its Access tab (API access).</p>
      <PagedTable {...list} columns={columns} rowKey={(item) => item.client_id} empty="No application holds a scope of this API yet." />
    </section>
  );
}
