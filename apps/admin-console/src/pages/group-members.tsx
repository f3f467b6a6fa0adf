import type { GroupMemberView, GroupView, UserView } from '@app/contracts';
import { Loading } from '../components';
import { ErrorBanner, useSubmission } from '../forms';
import { ListTable } from '../list-table';
import type { Column } from '../list-table';
import { useCan } from '../permissions';
import { Link } from '../router';
import { SearchPicker } from '../search-picker';
import { useSession } from '../session';
import { useResource } from '../use-resource';

function memberLink(member: GroupMemberView) {
  if (member.type === 'group') return <Link to={`/groups/${encodeURIComponent(member.id)}`}>{member.name}</Link>;
  return <Link to={`/people/${encodeURIComponent(member.id)}`}>{member.username}</Link>;
}

/**
 * A group's direct members, people and groups alike (a group inside this one brings all its members), and,
 * with `groups:write`, adding and removing them.
 */
export function GroupMembers({ group }: { group: GroupView }) {
  const { api } = useSession();
  const canWrite = useCan('groups:write');
  const canReadPeople = useCan('people:read');
  const path = `/groups/${encodeURIComponent(group.id)}/members`;
  const members = useResource<{ items: GroupMemberView[] }>(path);
  const action = useSubmission();
  const items = members.data?.items;
  const isMember = (id: string) => items?.some((member) => member.id === id) ?? false;

  const add = async (id: string) => {
    await api.send('PUT', `${path}/${encodeURIComponent(id)}`);
    members.reload();
  };
  const remove = (member: GroupMemberView) =>
    action.run(async () => {
      await api.send('DELETE', `${path}/${encodeURIComponent(member.id)}`);
      members.reload();
    });

  const columns: Column<GroupMemberView>[] = [
    { label: 'Member', cell: memberLink },
    { label: 'Kind', cell: (member) => (member.type === 'group' ? 'group (its members too)' : 'person') },
    { label: 'Name', cell: (member) => (member.type === 'user' ? (member.name ?? '—') : '—') },
  ];
  if (canWrite) {
    columns.push({
      label: 'Actions',
      hiddenLabel: true,
      cell: (member) => (
        <button type="button" className="secondary small" disabled={action.busy} onClick={() => void remove(member)}>
          Remove {member.type === 'group' ? member.name : member.username}
        </button>
      ),
    });
  }

  return (
    <section className="panel wide" aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      <ErrorBanner error={members.error ?? action.error} />
      {members.loading && <Loading />}
      {items && items.length === 0 && <p className="empty">No members yet.</p>}
      {items && items.length > 0 && <ListTable items={items} columns={columns} rowKey={(member) => `${member.type}:${member.id}`} />}
      {canWrite && (
        <div className="row pickers">
          {canReadPeople && (
            <div>
              <h3>Add a person</h3>
              <SearchPicker<UserView>
                label="Add a person"
                placeholder="Username, name or email"
                source="/users"
                itemKey={(person) => person.id}
                describe={(person) => (person.name ? `${person.username} (${person.name})` : person.username)}
                actionLabel={(person) => `Add ${person.username}`}
                exclude={(person) => isMember(person.id)}
                onPick={(person) => add(person.id)}
              />
            </div>
          )}
          <div>
            <h3>Add a group inside this one</h3>
            <SearchPicker<GroupView>
              label="Add a group"
              placeholder="Group name"
              source="/groups"
              itemKey={(other) => other.id}
              describe={(other) => other.name}
              actionLabel={(other) => `Add ${other.name}`}
              exclude={(other) => other.id === group.id || isMember(other.id)}
              onPick={(other) => add(other.id)}
            />
          </div>
        </div>
      )}
    </section>
  );
}
