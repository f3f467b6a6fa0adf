import type { ConsentView, SessionView } from '@app/contracts';
import { ConfirmAction, formatDate } from '../components';
import { useCan } from '../permissions';
import { useSession } from '../session';
import { useResource } from '../use-resource';
import type { PersonAction } from './person-action';

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
  return (
    <>
      <section className="panel" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Sign-in sessions</h2>
        {sessions === undefined && <p>Not available.</p>}
        {sessions && sessions.length === 0 && <p>No active sessions.</p>}
        {sessions && sessions.length > 0 && (
          <>
            <ul className="plain">
              {sessions.map((session) => (
                <li key={session.id}>
                  Signed in {formatDate(session.auth_time)}, expires {formatDate(session.expires_at)}
                </li>
              ))}
            </ul>
            {canSupport && (
              <ConfirmAction label="Sign out everywhere" question="End every session of this person?" confirmLabel="End sessions" onConfirm={() => act(() => api.send('DELETE', `${path}/sessions`), 'Sessions ended.')} />
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
