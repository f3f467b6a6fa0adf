import { FormEvent, useEffect, useState } from 'react';
import type { ClientView, Page } from '@app/contracts';
import { query } from '../api';
import { ErrorBanner, Pager } from '../components';
import { kindOf, presetOf } from '../application-types';
import { Link } from '../router';
import { useSession } from '../session';

const PAGE_SIZE = 20;

export function ApplicationsPage() {
  const { api } = useSession();
  const [search, setSearch] = useState('');
  const [applied, setApplied] = useState('');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<Page<ClientView>>();
  const [error, setError] = useState<unknown>();
  const cursor = cursors[cursors.length - 1];

  useEffect(() => {
    let live = true;
    setError(undefined);
    api
      .get<Page<ClientView>>(`/clients${query({ search: applied, limit: PAGE_SIZE, cursor })}`)
      .then((result) => live && setPage(result), (failure: unknown) => live && setError(failure));
    return () => {
      live = false;
    };
  }, [api, applied, cursor]);

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setCursors([undefined]);
    setApplied(search.trim());
  };

  return (
    <section>
      <div className="page-head">
        <h1>Applications</h1>
        <Link to="/applications/new" className="button">
          Create application
        </Link>
      </div>
      <form className="search" role="search" onSubmit={onSearch}>
        <label htmlFor="app-search" className="visually-hidden">
          Search applications
        </label>
        <input id="app-search" type="search" placeholder="Search by name or client ID" value={search} onChange={(event) => setSearch(event.target.value)} />
        <button type="submit" className="secondary">
          Search
        </button>
      </form>
      <ErrorBanner error={error} />
      {!page && !error && <p aria-busy="true">Loading…</p>}
      {page && page.items.length === 0 && <p className="empty">{applied ? `No application matches “${applied}”.` : 'No applications yet.'}</p>}
      {page && page.items.length > 0 && (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Client ID</th>
              <th scope="col">Type</th>
              <th scope="col">Grants</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((client) => (
              <tr key={client.client_id}>
                <td data-label="Name">
                  <span>
                    <Link to={`/applications/${encodeURIComponent(client.client_id)}`}>{client.client_name}</Link>
                    {client.first_party && <span className="badge">first-party</span>}
                  </span>
                </td>
                <td data-label="Client ID">
                  <code>{client.client_id}</code>
                </td>
                <td data-label="Type">{presetOf(kindOf(client)).label}</td>
                <td data-label="Grants">{client.grant_types.map((grant) => grant.replace('urn:ietf:params:oauth:grant-type:', '')).join(', ')}</td>
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
