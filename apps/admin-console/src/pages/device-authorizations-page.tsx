import type { DeviceAuthorizationView } from '@app/contracts';
import { useState } from 'react';
import { ConfirmAction, formatDate, Notice } from '../components';
import { useSubmission } from '../forms';
import { PageHead } from '../list-page';
import { PagedTable } from '../list-table';
import type { Column } from '../list-table';
import { useCan } from '../permissions';
import { useSession } from '../session';
import { usePagedList } from '../use-paged-list';

export function DeviceAuthorizationsPage() {
  const { api } = useSession();
  const { reload, ...list } = usePagedList<DeviceAuthorizationView>('/device-authorizations', { limit: 20 });
  const [denied, setDenied] = useState<string>();
  const action = useSubmission();
  const canDeny = useCan('devices:write');

  const deny = (item: DeviceAuthorizationView) =>
    action.run(async () => {
      await api.send('POST', `/device-authorizations/${encodeURIComponent(item.id)}/deny`);
      setDenied(item.client_id);
      reload();
    });

  const columns: Column<DeviceAuthorizationView>[] = [
    { label: 'Application', cell: (item) => <code>{item.client_id}</code> },
    { label: 'Scopes', cell: (item) => item.scope || '—' },
    { label: 'Started', cell: (item) => formatDate(item.created_at) },
    { label: 'Expires', cell: (item) => formatDate(item.expires_at) },
  ];
  if (canDeny) {
    columns.push({
      label: 'Actions',
      hiddenLabel: true,
      cell: (item) => <ConfirmAction label="Deny" question={`Deny the sign-in request of ${item.client_id}?`} confirmLabel="Deny request" onConfirm={() => deny(item)} />,
    });
  }

  return (
    <section>
      <PageHead title="Device sign-ins">
        <button type="button" className="secondary" onClick={reload}>
          Refresh
        </button>
      </PageHead>
      <p>Devices and CLIs waiting for someone to enter their code (RFC 8628). Denying one makes its next poll fail with access_denied.</p>
      {denied && <Notice>Denied the request of {denied}.</Notice>}
      <PagedTable {...list} error={list.error ?? action.error} columns={columns} rowKey={(item) => item.id} empty="No device is waiting." />
    </section>
  );
}
