import { FormEvent, useState } from 'react';
import type { ApiInput, ApiView } from '@app/contracts';
import { ErrorBanner, Pager } from '../components';
import { keepSecret } from '../one-time-secret';
import { Link, useRouter } from '../router';
import { useSession } from '../session';
import { usePagedList } from '../use-paged-list';
import { ApiForm } from './api-form';

const PAGE_SIZE = 20;

export function ApisPage() {
  const { api } = useSession();
  const { navigate } = useRouter();
  const [search, setSearch] = useState('');
  const [applied, setApplied] = useState('');
  const [creating, setCreating] = useState(false);
  const { page, error, pager } = usePagedList<ApiView>('/apis', { search: applied, limit: PAGE_SIZE });

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setApplied(search.trim());
  };
  const create = async (input: ApiInput) => {
    const created = await api.send<ApiView>('POST', '/apis', input);
    if (created.client_secret) keepSecret(created.id, created.client_secret);
    navigate(`/apis/${encodeURIComponent(created.id)}`);
  };

  return (
    <section>
      <div className="page-head">
        <h1>APIs</h1>
        {!creating && (
          <button type="button" onClick={() => setCreating(true)}>
            Register API
          </button>
        )}
      </div>
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
      <form className="search" role="search" onSubmit={onSearch}>
        <label htmlFor="api-search" className="visually-hidden">
          Search APIs
        </label>
        <input id="api-search" type="search" placeholder="Search by name or identifier" value={search} onChange={(event) => setSearch(event.target.value)} />
        <button type="submit" className="secondary">
          Search
        </button>
      </form>
      <ErrorBanner error={error} />
      {!page && !error && <p aria-busy="true">Loading…</p>}
      {page && page.items.length === 0 && <p className="empty">{applied ? `No API matches “${applied}”.` : 'No APIs yet.'}</p>}
      {page && page.items.length > 0 && (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Identifier</th>
              <th scope="col">Scopes</th>
              <th scope="col">Format</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((item) => (
              <tr key={item.id}>
                <td data-label="Name">
                  <Link to={`/apis/${encodeURIComponent(item.id)}`}>{item.name}</Link>
                </td>
                <td data-label="Identifier">
                  <code>{item.identifier}</code>
                </td>
                <td data-label="Scopes">{item.scopes.map((scope) => scope.name).join(', ') || '—'}</td>
                <td data-label="Format">{item.access_token_format}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager {...pager} />
    </section>
  );
}
