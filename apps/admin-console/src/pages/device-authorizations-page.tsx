import type { DeviceAuthorizationView } from '@app/contracts';
import { useState } from 'react';
import { ConfirmAction, ErrorBanner, formatDate, Notice, Pager } from '../components';
import { useSession } from '../session';
import { usePagedList } from '../use-paged-list';

export function DeviceAuthorizationsPage() {
  const { api } = useSession();
  const { page, error, pager, reload } = usePagedList<DeviceAuthorizationView>('/device-authorizations', { limit: 20 });
  const [denied, setDenied] = useState<string>();
  const [actionError, setActionError] = useState<unknown>();

  const deny = async (item: DeviceAuthorizationView) => {
    setActionError(undefined);
    try {
      await api.send('POST', `/device-authorizations/${encodeURIComponent(item.id)}/deny`);
      setDenied(item.client_id);
      reload();
    } catch (failure) {
      setActionError(failure);
    }
  };

  return (
    <section>
      <div className="page-head">
        <h1>Device sign-ins</h1>
        <button type="button" className="secondary" onClick={reload}>
          Refresh
        </button>
      </div>
      <p>Devices and CLIs waiting for someone to enter their code (RFC 8628). Denying one makes its next poll fail with access_denied.</p>
      {denied && <Notice>Denied the request of {denied}.</Notice>}
      <ErrorBanner error={error ?? actionError} />
      {!page && !error && <p aria-busy="true">Loading…</p>}
      {page && page.items.length === 0 && <p className="empty">No device is waiting.</p>}
      {page && page.items.length > 0 && (
        <table className="list">
          <thead>
            <tr>
              <th scope="col">Application</th>
              <th scope="col">Scopes</th>
              <th scope="col">Started</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((item) => (
              <tr key={item.id}>
                <td data-label="Application">
                  <code>{item.client_id}</code>
                </td>
                <td data-label="Scopes">{item.scope || '—'}</td>
                <td data-label="Started">{formatDate(item.created_at)}</td>
                <td data-label="Expires">{formatDate(item.expires_at)}</td>
                <td data-label="Actions">
                  <ConfirmAction label="Deny" question={`Deny the sign-in request of ${item.client_id}?`} confirmLabel="Deny request" onConfirm={() => deny(item)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager {...pager} />
    </section>
  );
}
