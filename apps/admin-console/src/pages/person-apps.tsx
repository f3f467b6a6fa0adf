import type { PersonAppAccessView } from '@app/contracts';
import { Loading } from '../components';
import { ErrorBanner } from '../forms';
import { useCan } from '../permissions';
import { Link } from '../router';
import { useResource } from '../use-resource';

/** "Which apps": the applications a person may sign in to, each open to everyone or reached through groups. */
export function PersonApps({ userId, username, changes }: { userId: string; username: string; changes: number }) {
  const canReadClients = useCan('clients:read');
  const access = useResource<{ items: PersonAppAccessView[] }>(`/users/${encodeURIComponent(userId)}/access`, changes);
  const items = access.data?.items;
  return (
    <section className="panel" aria-labelledby="apps-title">
      <h2 id="apps-title">Apps</h2>
      <p className="summary">The applications {username} may sign in to, and why.</p>
      <ErrorBanner error={access.error} />
      {access.loading && <Loading />}
      {items && items.length === 0 && <p className="empty">None: every application is limited to groups {username} is not in.</p>}
      {items && items.length > 0 && (
        <ul className="plain person-apps">
          {items.map((app) => (
            <li key={app.client_id}>
              {canReadClients ? <Link to={`/applications/${encodeURIComponent(app.client_id)}`}>{app.client_name}</Link> : <strong>{app.client_name}</strong>}{' '}
              <span className="summary">— {app.everyone ? 'open to everyone' : `through ${app.via.join(', ')}`}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
