import type { AppAccessView } from '@app/contracts';
import { Loading } from '../components';
import { ErrorBanner } from '../forms';
import { ListTable } from '../list-table';
import type { Column } from '../list-table';
import { useCan } from '../permissions';
import { Link } from '../router';
import { useResource } from '../use-resource';

type Person = AppAccessView['people'][number];

/** "Who can sign in and why": everyone, or each person the allowed groups let in and through which. */
export function ApplicationSignIns({ clientId, changes }: { clientId: string; changes: number }) {
  const canReadPeople = useCan('people:read');
  const access = useResource<AppAccessView>(`/clients/${encodeURIComponent(clientId)}/access`, changes);
  const view = access.data;
  const columns: Column<Person>[] = [
    { label: 'Username', cell: (person) => (canReadPeople ? <Link to={`/people/${encodeURIComponent(person.id)}`}>{person.username}</Link> : person.username) },
    { label: 'Name', cell: (person) => person.name ?? '—' },
    { label: 'Through', cell: (person) => person.via.join(', ') },
  ];
  return (
    <section className="panel wide" aria-labelledby="sign-ins-title">
      <h2 id="sign-ins-title">Who can sign in</h2>
      <ErrorBanner error={access.error} />
      {access.loading && <Loading />}
      {view?.everyone && <p>Everyone with an account: the application allows no particular group.</p>}
      {view && !view.everyone && (
        <>
          <p>Members of {view.allowed_groups.join(', ')}, directly or through a group inside them.</p>
          {view.people.length === 0 ? (
            <p className="empty">Nobody is in those groups yet, so nobody can sign in.</p>
          ) : (
            <ListTable items={view.people} columns={columns} rowKey={(person) => person.id} />
          )}
        </>
      )}
    </section>
  );
}
