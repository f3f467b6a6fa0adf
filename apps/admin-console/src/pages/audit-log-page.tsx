import { useState } from 'react';
import type { FormEvent } from 'react';
import type { AuditEventView } from '@app/contracts';
import { formatDate } from '../components';
import { Field, useFormValues } from '../forms';
import { PageHead } from '../list-page';
import { PagedTable } from '../list-table';
import type { Column } from '../list-table';
import { Link } from '../router';
import { usePagedList } from '../use-paged-list';

const PAGE_SIZE = 25;
const ACTIONS = [
  ['', 'Any action'],
  ['signin.*', 'Sign-ins (all)'],
  ['signin.failed', 'Sign-in failed'],
  ['signin.succeeded', 'Sign-in succeeded'],
  ['client.*', 'Applications'],
  ['api.*', 'APIs'],
  ['user.*', 'People'],
  ['key.rotated', 'Signing key rotated'],
  ['consent.revoked', 'Consent revoked'],
  ['session.ended', 'Sessions ended'],
  ['device_authorization.denied', 'Device authorization denied'],
  ['logout_delivery.*', 'Back-channel logout deliveries'],
] as const;

interface Filters {
  action: string;
  actor_id: string;
  target_id: string;
  since: string;
  until: string;
}
const EMPTY: Filters = { action: '', actor_id: '', target_id: '', since: '', until: '' };

const COLUMNS: Column<AuditEventView>[] = [
  { label: 'When', cell: (event) => <time dateTime={event.occurred_at}>{formatDate(event.occurred_at)}</time> },
  { label: 'Action', cell: (event) => <span className={`status${isFailure(event) ? ' failed' : ''}`}>{event.action}</span> },
  {
    label: 'Who',
    cell: (event) => (
      <span>
        {event.actor_type} {event.actor_id && <EntityId type={event.actor_type} id={event.actor_id} />}
      </span>
    ),
  },
  {
    label: 'Target',
    cell: (event) => (
      <span>
        {event.target_type ?? '—'} {event.target_id && <EntityId type={event.target_type} id={event.target_id} />}
      </span>
    ),
  },
  { label: 'From', cell: (event) => <span title={event.user_agent ?? undefined}>{event.ip ?? '—'}</span> },
  { label: 'Details', cell: (event) => <DetailList details={event.details} /> },
];

const isFailure = (event: AuditEventView) => event.action.endsWith('.failed') || event.action.endsWith('.denied');

/** `datetime-local` values are local times; the API wants RFC 3339. */
const toInstant = (value: string) => (value ? new Date(value).toISOString() : undefined);

export function AuditLogPage() {
  const form = useFormValues<Filters>(EMPTY);
  const [applied, setApplied] = useState<Filters>(EMPTY);
  const list = usePagedList<AuditEventView>('/events', {
    action: applied.action.trim(),
    actor_id: applied.actor_id.trim(),
    target_id: applied.target_id.trim(),
    since: toInstant(applied.since),
    until: toInstant(applied.until),
    limit: PAGE_SIZE,
  });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setApplied(form.values);
  };
  const filtered = Object.values(applied).some(Boolean);

  return (
    <section>
      <PageHead title="Audit log" />
      <p>Every admin change and every sign-in, newest first. Secrets, passwords and tokens are never recorded.</p>
      <form className="form filters" aria-label="Filter events" onSubmit={apply}>
        <div className="row">
          <Field label="Action">
            {(props) => (
              <select {...props} {...form.text('action')}>
                {ACTIONS.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Actor ID" hint="Client ID or person ID.">
            {(props) => <input {...props} type="text" {...form.text('actor_id')} />}
          </Field>
          <Field label="Target ID">
            {(props) => <input {...props} type="text" {...form.text('target_id')} />}
          </Field>
        </div>
        <div className="row">
          <Field label="From">
            {(props) => <input {...props} type="datetime-local" {...form.text('since')} />}
          </Field>
          <Field label="Until">
            {(props) => <input {...props} type="datetime-local" {...form.text('until')} />}
          </Field>
        </div>
        <div className="actions">
          <button type="submit">Apply filters</button>
          {filtered && (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                form.replace(EMPTY);
                setApplied(EMPTY);
              }}
            >
              Clear
            </button>
          )}
        </div>
      </form>
      <PagedTable
        {...list}
        columns={COLUMNS}
        rowKey={(event) => event.id}
        className="list events"
        empty={filtered ? 'No event matches these filters.' : 'Nothing recorded yet.'}
      />
    </section>
  );
}

const PAGES: Record<string, string> = { person: '/people', user: '/people', client: '/applications', api: '/apis' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Internal UUIDs are shortened (the full id is in the title); a client_id is shown whole, as it is the value
 * people copy into an application's configuration. The link goes to the person's, application's or API's page.
 */
function EntityId({ type, id }: { type: string | null; id: string }) {
  const short = type !== 'client' && UUID.test(id) ? `${id.slice(0, 8)}…` : id;
  const page = type ? PAGES[type] : undefined;
  const label = <code title={id}>{short}</code>;
  if (!page) return label;
  return (
    <Link to={`${page}/${encodeURIComponent(id)}`}>
      {label}
    </Link>
  );
}

function DetailList({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details);
  if (entries.length === 0) return <>—</>;
  return (
    <ul className="plain details">
      {entries.map(([name, value]) => (
        <li key={name}>
          <span className="detail-name">{name}</span> {Array.isArray(value) ? value.join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value)}
        </li>
      ))}
    </ul>
  );
}
