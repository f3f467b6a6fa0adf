import type { EntityManager } from 'typeorm';
import type { UserEntity, UserService } from '@app/users';
import type { DesiredConfiguration } from './desired-configuration';
import type { LiveConfiguration } from './live-configuration.service';
import type { PlannedChange } from './plan';

/**
 * Admin roles are held by people: each role of the document names exactly who holds it. Grants are
 * written before removals, so a handover of `admin` from one person to another never passes through
 * "no administrator at all" (which UserService refuses).
 */
export async function writeRoles(manager: EntityManager, users: UserService, changes: PlannedChange[], desired: DesiredConfiguration, live: LiveConfiguration): Promise<void> {
  const people = new Map<string, { person: UserEntity; roles: Set<string>; removes: boolean }>();
  const entry = async (id: string, known?: UserEntity) => {
    if (!people.has(id)) {
      const person = known ?? (await users.findById(id, manager))!;
      people.set(id, { person, roles: new Set(person.roles), removes: false });
    }
    return people.get(id)!;
  };
  for (const change of changes) {
    const holders = change.action === 'delete' ? new Set<string>() : desired.roles.get(change.key)!;
    for (const person of live.administrators.values()) {
      if (person.roles.includes(change.key) && !holders.has(person.id)) {
        const state = await entry(person.id, person);
        state.roles.delete(change.key);
        state.removes = true;
      }
    }
    for (const id of holders) (await entry(id)).roles.add(change.key);
  }
  const ordered = [...people.values()].sort((a, b) => Number(a.removes) - Number(b.removes));
  for (const { person, roles } of ordered) {
    const next = [...roles];
    if (next.length !== person.roles.length || next.some((role) => !person.roles.includes(role))) await users.update(person.id, { roles: next }, manager);
  }
}
