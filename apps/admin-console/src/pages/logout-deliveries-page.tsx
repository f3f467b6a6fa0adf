import type { LogoutDeliveryStatus, LogoutDeliveryView } from '@app/contracts';
import { useState } from 'react';
import { formatDate, Notice } from '../components';
import { Field, useSubmission } from '../forms';
import { PageHead } from '../list-page';
import { PagedTable } from '../list-table';
import type { Column } from '../list-table';
import { useCan } from '../permissions';
import { useSession } from '../session';
import { usePagedList } from '../use-paged-list';

const STATUSES: readonly { value: LogoutDeliveryStatus | ''; label: string }[] = [
  { value: '', label: 'Any status' },
  { value: 'pending', label: 'Pending' },
  { value: 'delivered', label: 'Delivered' },
  { value: 'dead', label: 'Dead (gave up)' },
];

/** The back-channel logout outbox: what each app was told when a session ended, and what it never got. */
export function LogoutDeliveriesPage() {
  const { api } = useSession();
  const [status, setStatus] = useState<LogoutDeliveryStatus | ''>('');
  const { reload, ...list } = usePagedList<LogoutDeliveryView>('/logout-deliveries', { limit: 25, status: status || undefined });
  const [retried, setRetried] = useState<string>();
  const action = useSubmission();
  const canRetry = useCan('logout-deliveries:write');

  const retry = (item: LogoutDeliveryView) =>
    action.run(async () => {
      await api.send('POST', `/logout-deliveries/${encodeURIComponent(item.id)}/retry`);
      setRetried(item.client_id);
      reload();
    });

  const columns: Column<LogoutDeliveryView>[] = [
    { label: 'Application', cell: (item) => <code>{item.client_id}</code> },
    { label: 'Status', cell: (item) => item.status },
    { label: 'Why the session ended', cell: (item) => item.reason },
    { label: 'Attempts', cell: (item) => item.attempts },
    { label: 'Last error', cell: (item) => item.last_error ?? '—' },
    { label: 'Created', cell: (item) => formatDate(item.created_at) },
    { label: 'Next attempt / done', cell: (item) => formatDate(item.delivered_at ?? item.dead_at ?? item.next_attempt_at) },
  ];
  if (canRetry) {
    columns.push({
      label: 'Actions',
      hiddenLabel: true,
      cell: (item) =>
        item.status === 'dead' ? (
          <button type="button" className="secondary" disabled={action.busy} onClick={() => void retry(item)}>
            Retry
          </button>
        ) : null,
    });
  }

  return (
    <section>
      <PageHead title="Logout deliveries">
        <button type="button" className="secondary" onClick={reload}>
          Refresh
        </button>
      </PageHead>
      <p>
        When a session ends, each app it signed in to that has a back-channel logout URI is sent a logout token. Failed deliveries are retried with growing delays; after the last attempt they are
        dead and can be retried here.
      </p>
      <div className="form filters">
        <Field label="Status">
          {(props) => (
            <select {...props} value={status} onChange={(event) => setStatus(STATUSES.find((option) => option.value === event.target.value)?.value ?? '')}>
              {STATUSES.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {retried && <Notice>Sending the logout token to {retried} again.</Notice>}
      <PagedTable {...list} error={list.error ?? action.error} columns={columns} rowKey={(item) => item.id} empty="No logout delivery here." />
    </section>
  );
}
