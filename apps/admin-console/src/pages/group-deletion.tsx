import { useState } from 'react';
import type { GroupView } from '@app/contracts';
import { ApiFailure } from '../api';
import { ConfirmAction } from '../components';
import { ErrorBanner, useSubmission } from '../forms';
import { useCan } from '../permissions';
import { Link, useRouter } from '../router';
import { useSession } from '../session';

/** The 409 body of `DELETE /admin/v1/groups/{id}` while applications or APIs still name the group. */
interface GroupInUse {
  error: 'conflict';
  error_description?: string;
  /** Client IDs. */
  clients?: string[];
  /** API identifiers. */
  apis?: string[];
}

/** The 409 answer of a delete, read as the applications and APIs that still allow the group. */
function inUse(error: unknown): GroupInUse | undefined {
  if (!(error instanceof ApiFailure) || error.status !== 409) return undefined;
  return error.body as unknown as GroupInUse;
}

/**
 * Deletes a group. While applications or APIs allow it the server refuses (409) and says which; the page
 * lists them and offers to delete anyway, which takes the group off those lists too.
 */
export function GroupDeletion({ group }: { group: GroupView }) {
  const { api } = useSession();
  const { navigate } = useRouter();
  const canReadClients = useCan('clients:read');
  const action = useSubmission();
  const [blocked, setBlocked] = useState<GroupInUse>();
  const path = `/groups/${encodeURIComponent(group.id)}`;

  const remove = (force: boolean) =>
    action.run(async () => {
      try {
        await api.send('DELETE', force ? `${path}?force=true` : path);
      } catch (error) {
        const conflict = force ? undefined : inUse(error);
        if (!conflict) throw error;
        setBlocked(conflict);
        return;
      }
      navigate('/groups');
    });

  return (
    <section className="panel danger-zone" aria-labelledby="group-danger-title">
      <h2 id="group-danger-title">Delete group</h2>
      <p>Its members stay; they only stop being members of it. Groups inside it are not deleted.</p>
      {blocked ? (
        <div className="banner error" role="alert">
          <p>{blocked.error_description ?? 'The group is still in use.'}</p>
          {blocked.clients && blocked.clients.length > 0 && (
            <p>
              Applications that allow it:{' '}
              {blocked.clients.map((clientId, index) => (
                <span key={clientId}>
                  {index > 0 && ', '}
                  {canReadClients ? <Link to={`/applications/${encodeURIComponent(clientId)}/access`}>{clientId}</Link> : <code>{clientId}</code>}
                </span>
              ))}
            </p>
          )}
          {blocked.apis && blocked.apis.length > 0 && (
            <p>
              APIs that allow it: <code>{blocked.apis.join(', ')}</code>
            </p>
          )}
          <p>Deleting anyway takes the group off their lists; an application left with no allowed group lets everyone sign in.</p>
          <div className="actions">
            <ConfirmAction label="Delete anyway" question={`Delete “${group.name}” and take it off those lists?`} confirmLabel="Delete permanently" onConfirm={() => remove(true)} />
            <button type="button" className="secondary" onClick={() => setBlocked(undefined)}>
              Keep the group
            </button>
          </div>
        </div>
      ) : (
        <ConfirmAction label="Delete group" question={`Delete “${group.name}”? This cannot be undone.`} confirmLabel="Delete permanently" onConfirm={() => remove(false)} />
      )}
      <ErrorBanner error={action.error} />
    </section>
  );
}
