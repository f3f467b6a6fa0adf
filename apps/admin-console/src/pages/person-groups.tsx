import type { GroupView, PersonGroupView } from '@app/contracts';
import { Loading } from '../components';
import { ErrorBanner } from '../forms';
import { useCan } from '../permissions';
import { Link } from '../router';
import { SearchPicker } from '../search-picker';
import { useSession } from '../session';
import { useResource } from '../use-resource';
import type { PersonAction } from './person-action';

/** How a person is in a group: directly, or through the direct groups that contain it. */
function membership(group: PersonGroupView): string {
  if (group.direct && group.via.length === 0) return 'direct member';
  if (group.direct) return `direct member, also through ${group.via.join(', ')}`;
  return `through ${group.via.join(', ')}`;
}

/**
 * Every group a person is in, transitively, and why; with `groups:write` they can be added to a group or
 * taken out of one they are directly in (a membership through another group is changed on that group).
 */
export function PersonGroups({ userId, username, act, changes }: { userId: string; username: string; act: PersonAction; changes: number }) {
  const { api } = useSession();
  const canWrite = useCan('groups:write');
  const canReadGroups = useCan('groups:read');
  const groups = useResource<{ items: PersonGroupView[] }>(`/users/${encodeURIComponent(userId)}/groups`, changes);
  const items = groups.data?.items;
  const member = (groupId: string) => `/groups/${encodeURIComponent(groupId)}/members/${encodeURIComponent(userId)}`;
  const change = (method: 'PUT' | 'DELETE', group: { id: string; name: string }) =>
    act(() => api.send(method, member(group.id)), method === 'PUT' ? `Added to ${group.name}.` : `Removed from ${group.name}.`);

  return (
    <section className="panel" aria-labelledby="groups-title">
      <h2 id="groups-title">Groups</h2>
      <ErrorBanner error={groups.error} />
      {groups.loading && <Loading />}
      {items && items.length === 0 && <p className="empty">{username} is in no group.</p>}
      {items && items.length > 0 && (
        <ul className="plain memberships">
          {items.map((group) => (
            <li key={group.id}>
              {canReadGroups ? <Link to={`/groups/${encodeURIComponent(group.id)}`}>{group.name}</Link> : <strong>{group.name}</strong>} <span className="summary">({membership(group)})</span>
              {canWrite && group.direct && (
                <button type="button" className="secondary small" onClick={() => void change('DELETE', group)}>
                  Remove from {group.name}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <SearchPicker<GroupView>
          label="Add to a group"
          placeholder="Group name"
          source="/groups"
          itemKey={(group) => group.id}
          describe={(group) => group.name}
          actionLabel={(group) => `Add to ${group.name}`}
          exclude={(group) => items?.some((held) => held.id === group.id && held.direct) ?? false}
          onPick={(group) => change('PUT', group)}
        />
      )}
    </section>
  );
}
