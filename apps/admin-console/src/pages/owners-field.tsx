import { useEffect, useRef, useState } from 'react';
import type { UserView } from '@app/contracts';
import { AddNameInput, ListField } from '../forms';
import { useCan, useMe } from '../permissions';
import { SearchPicker } from '../search-picker';
import { useSession } from '../session';

/**
 * The usernames of the people whose ids are listed, read one by one (an owners list is a handful of people).
 * Without `people:read` only the caller's own id is named; the rest stay ids.
 */
function useUsernames(ids: readonly string[]): [Record<string, string>, (id: string, username: string) => void] {
  const { api } = useSession();
  const me = useMe();
  const canRead = useCan('people:read');
  const [names, setNames] = useState<Record<string, string>>(() => (me.username ? { [me.sub]: me.username } : {}));
  // Each id is asked about once; an answer that comes after the page moved on is simply not shown.
  const asked = useRef(new Set<string>());
  const missing = ids.filter((id) => !(id in names) && !asked.current.has(id));
  const key = missing.join(' ');
  useEffect(() => {
    if (!canRead || key === '') return;
    for (const id of key.split(' ')) {
      asked.current.add(id);
      api.get<UserView>(`/users/${encodeURIComponent(id)}`).then(
        (person) => setNames((known) => ({ ...known, [id]: person.username })),
        () => setNames((known) => ({ ...known, [id]: `${id} (not found)` })),
      );
    }
  }, [api, canRead, key]);
  const remember = (id: string, username: string) => setNames((known) => ({ ...known, [id]: username }));
  return [names, remember];
}

/**
 * The people who own an application or API (an app-owner may manage only what lists them). People are
 * found by username when the caller may read people, otherwise added by their id.
 */
export function OwnersField({ owners, onChange, error, disabled }: { owners: string[]; onChange: (owners: string[]) => void; error?: string; disabled?: boolean }) {
  const canReadPeople = useCan('people:read');
  const [names, remember] = useUsernames(owners);
  const add = (id: string) => onChange(owners.includes(id) ? owners : [...owners, id]);
  return (
    <ListField
      label="Owners"
      items={owners}
      describe={(id) => names[id] ?? <code>{id}</code>}
      onRemove={(id) => onChange(owners.filter((owner) => owner !== id))}
      empty="No owners: only full administrators manage it."
      hint="People with the app-owner role manage what lists them as an owner."
      error={error}
      disabled={disabled}
    >
      {canReadPeople ? (
        <SearchPicker<UserView>
          label="Add an owner"
          placeholder="Username, name or email"
          source="/users"
          itemKey={(person) => person.id}
          describe={(person) => (person.name ? `${person.username} (${person.name})` : person.username)}
          actionLabel={(person) => `Make ${person.username} an owner`}
          exclude={(person) => owners.includes(person.id)}
          onPick={(person) => {
            remember(person.id, person.username);
            add(person.id);
          }}
        />
      ) : (
        <AddNameInput label="Add owner by person ID" onAdd={add} />
      )}
    </ListField>
  );
}
