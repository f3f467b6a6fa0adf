import type { GroupView } from '@app/contracts';
import { Loading } from '../components';
import { ErrorBanner } from '../forms';
import { useCan } from '../permissions';
import { Link } from '../router';
import { useResource } from '../use-resource';
import { EditGroupForm, requirementLabel } from './group-forms';
import { GroupDeletion } from './group-deletion';
import { GroupMembers } from './group-members';

/** One group: its details, its members and its deletion (the last two only with `groups:write`). */
export function GroupPage({ groupId }: { groupId: string }) {
  const group = useResource<GroupView>(`/groups/${encodeURIComponent(groupId)}`);
  const canWrite = useCan('groups:write');
  const view = group.data;
  if (!view) {
    return (
      <section>
        <p className="crumbs">
          <Link to="/groups">Groups</Link>
        </p>
        {group.error ? <ErrorBanner error={group.error} /> : <Loading />}
      </section>
    );
  }
  return (
    <section>
      <p className="crumbs">
        <Link to="/groups">Groups</Link> / {view.name}
      </p>
      <h1>{view.name}</h1>
      {view.description && <p className="subtitle">{view.description}</p>}
      {!canWrite && <p>Sign-in requirement: {requirementLabel(view) ?? 'none beyond what each application asks'}</p>}
      {canWrite && <EditGroupForm group={view} onSaved={group.setData} />}
      <GroupMembers group={view} />
      {canWrite && <GroupDeletion group={view} />}
    </section>
  );
}
