import { AppAccessPolicy } from '@app/access';
import type { GroupService } from '@app/users';

/**
 * The groups each person is in (already transitive, as GroupService answers), read as the access policy
 * reads them. `policy()` is the real AppAccessPolicy over these memberships.
 */
export class InMemoryGroups implements Pick<GroupService, 'groupNamesOfPerson'> {
  private readonly memberships = new Map<string, Set<string>>();

  putIn(userId: string, ...groups: string[]): this {
    const mine = this.memberships.get(userId) ?? new Set<string>();
    for (const group of groups) mine.add(group);
    this.memberships.set(userId, mine);
    return this;
  }

  takeOut(userId: string, group: string): void {
    this.memberships.get(userId)?.delete(group);
  }

  async groupNamesOfPerson(userId: string): Promise<string[]> {
    return [...(this.memberships.get(userId) ?? [])].sort();
  }

  policy(): AppAccessPolicy {
    // The references repository only serves the admin views, which grants never ask for.
    return new AppAccessPolicy(this as unknown as GroupService, undefined as never);
  }
}
