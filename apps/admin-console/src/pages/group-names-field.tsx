import type { GroupView, Page } from '@app/contracts';
import { AddNameInput, ListField } from '../forms';
import { useCan } from '../permissions';
import { useResource } from '../use-resource';

/** Suggests the existing groups' names while typing (the first hundred; any name can still be typed). */
function GroupNameInput({ onAdd }: { onAdd: (name: string) => void }) {
  const groups = useResource<Page<GroupView>>('/groups?limit=100');
  return <AddNameInput label="Add group" suggestions={groups.data?.items.map((group) => group.name) ?? []} onAdd={onAdd} />;
}

/**
 * The groups allowed to use an application or API, by name; no group means everyone. Names are suggested
 * when the caller may read groups; the server refuses an unknown one next to this field.
 */
export function GroupNamesField({
  label,
  names,
  onChange,
  empty,
  hint,
  error,
  disabled,
}: {
  label: string;
  names: string[];
  onChange: (names: string[]) => void;
  empty: string;
  hint?: string;
  error?: string;
  disabled?: boolean;
}) {
  const canReadGroups = useCan('groups:read');
  const add = (name: string) => onChange(names.includes(name) ? names : [...names, name]);
  return (
    <ListField label={label} items={names} onRemove={(name) => onChange(names.filter((other) => other !== name))} empty={empty} hint={hint} error={error} disabled={disabled}>
      {canReadGroups ? <GroupNameInput onAdd={add} /> : <AddNameInput label="Add group" onAdd={add} />}
    </ListField>
  );
}
