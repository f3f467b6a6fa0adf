import { useState } from 'react';
import type { GroupView } from '@app/contracts';
import { formatDate } from '../components';
import { PageHead, SearchForm } from '../list-page';
import { PagedTable } from '../list-table';
import type { Column } from '../list-table';
import { useCan } from '../permissions';
import { Link } from '../router';
import { useSearchedList } from '../use-paged-list';
import { CreateGroupForm, requirementLabel } from './group-forms';

const PAGE_SIZE = 20;

const COLUMNS: Column<GroupView>[] = [
  { label: 'Name', cell: (group) => <Link to={`/groups/${encodeURIComponent(group.id)}`}>{group.name}</Link> },
  { label: 'Description', cell: (group) => group.description || '—' },
  { label: 'Sign-in requires', cell: (group) => requirementLabel(group) ?? '—' },
  { label: 'Updated', cell: (group) => formatDate(group.updated_at) },
];

/** Every group, searchable by name; people with `groups:write` can create one here. */
export function GroupsPage() {
  const { applied, search, ...list } = useSearchedList<GroupView>('/groups', PAGE_SIZE);
  const canWrite = useCan('groups:write');
  const [creating, setCreating] = useState(false);
  return (
    <section>
      <PageHead title="Groups">
        {canWrite && !creating && (
          <button type="button" onClick={() => setCreating(true)}>
            Create group
          </button>
        )}
      </PageHead>
      <p>People in a group, directly or through a group inside it, can sign in to the applications that allow that group.</p>
      {creating && <CreateGroupForm onCancel={() => setCreating(false)} />}
      <SearchForm id="group-search" label="Search groups" placeholder="Search by name" onSearch={search} />
      <PagedTable {...list} columns={COLUMNS} rowKey={(group) => group.id} empty={applied ? `No group matches “${applied}”.` : 'No groups yet.'} />
    </section>
  );
}
