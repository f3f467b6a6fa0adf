import type { ConsentView, SessionView } from '@app/contracts';
import { ConfirmAction, formatDate } from '../components';
import { type Column, ListTable } from '../list-table';
import { useCan } from '../permissions';
import { useSession } from '../session';
import { useResource } from '../use-resource';
import type { PersonAction } from './person-action';

/** Enough of the user agent to tell one browser from another; the whole of it on hover. */
const USER_AGENT_SHOWN = 60;

function browserOf(session: SessionView) {
  const agent = session.user_agent;
  if (!agent) return '—';
  return <span title={agent}>{agent.length > USER_AGENT_SHOWN ? `${agent.slice(0, USER_AGENT_SHOWN)}…` : agent}</span>;
}

function sessionColumns(canSupport: boolean, end: (session: SessionView) => Promise<void>): Column<SessionView>[] {
  const columns: Column<SessionView>[] = [
    { label: 'Started', cell: (session) => formatDate(session.started_at) },
    { label: 'Last seen', cell: (session) => formatDate(session.last_seen_at) },
    { label: 'IP', cell: (session) => session.ip ?? '—' },
    { label: 'Browser', cell: browserOf },
    { label: 'Apps', cell: (session) => (session.apps.length === 0 ? 'none' : session.apps.map((app) => app.client_name ?? app.client_id).join(', ')) },
  ];
  if (canSupport) {
    columns.push({
      label: 'Actions',
      hiddenLabel: true,
      cell: (session) => (
        <ConfirmAction label="End" question={`End the session started ${formatDate(session.started_at)}?`} confirmLabel="End session" onConfirm={() => end(session)} />
      ),
    });
  }
  return columns;
}

/**
 * A person's sign-in sessions and consents. Ending sessions is helpdesk work (`people:support`); revoking
 * consents changes what the person agreed to, so it takes `people:write`. When either cannot be read the
 * section says so instead of failing the page.
 */
export function PersonSessions({ path, act, changes }: { path: string; act: PersonAction; changes: number }) {
  const { api } = useSession();
  const canSupport = useCan('people:support');
  const canWrite = useCan('people:write');
  const sessionsResource = useResource<{ items: SessionView[] }>(`${path}/sessions`, changes);
  const consentsResource = useResource<{ items: ConsentView[] }>(`${path}/consents`, changes);
  const sessions = sessionsResource.error ? undefined : sessionsResource.data?.items;
  const consents = consentsResource.error ? undefined : consentsResource.data?.items;
  const endOne = (session: SessionView) => act(() => api.send('DELETE', `${path}/sessions/${encodeURIComponent(session.id)}`), 'Session ended.');
  return (
    <>
      <section className="panel" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Sessions</h2>
        {sessions === undefined && <p>Not available.</p>}
        {sessions && sessions.length === 0 && <p>No active sessions.</p>}
        {sessions && sessions.length > 0 && (
          <>
            <ListTable items={sessions} columns={sessionColumns(canSupport, endOne)} rowKey={(session) => session.id} />
            {canSupport && (
              <div className="actions below-table">
                <ConfirmAction
                  label="End all sessions"
                  question="End every session of this person? Every app is signed out and every token of theirs ends, offline ones included."
                  confirmLabel="End all sessions"
                  onConfirm={() => act(() => api.send('DELETE', `${path}/sessions`), 'Sessions ended.')}
                />
              </div>
            )}
          </>
        )}
      </section>
      <section className="panel" aria-labelledby="consents-title">
        <h2 id="consents-title">Consents</h2>
        {consents === undefined && <p>Not available.</p>}
        {consents && consents.length === 0 && <p>No consents given.</p>}
        {consents && consents.length > 0 && (
          <>
            <ul className="plain">
              {consents.map((consent) => (
                <li key={consent.client_id}>
                  <code>{consent.client_id}</code>: {consent.scopes.join(' ')} (since {formatDate(consent.created_at)})
                </li>
              ))}
            </ul>
            {canWrite && (
              <ConfirmAction label="Revoke consents" question="Revoke every consent this person gave?" confirmLabel="Revoke" onConfirm={() => act(() => api.send('DELETE', `${path}/consents`), 'Consents revoked.')} />
            )}
          </>
        )}
      </section>
    </>
  );
}
