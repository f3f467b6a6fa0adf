import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthLevel, Conflict, InvalidRequest, isUuid, NotFound } from '@app/core';
import { UserRepository } from '../users/user.repository';
import { isUniqueViolation } from '../users/unique-violation';
import { GroupEntity } from './group.entity';
import type { GroupMemberRow, PersonGroupRow } from './group-rows';
import { GroupPage, GroupRepository } from './group.repository';
import { assertGroupName, MAX_GROUP_DESCRIPTION } from './group-rules';

export interface GroupInput {
  name?: string;
  description?: string;
  require_mfa?: boolean;
  require_phishing_resistant?: boolean;
}

/** What a membership change did, for the audit log. */
export interface MembershipChange {
  group: GroupEntity;
  member: { type: 'user' | 'group'; id: string; name: string | null };
  /** False when the member was already there (PUT) or already gone (DELETE): nothing changed. */
  changed: boolean;
}

/** Creating groups and putting people, and groups, in them. */
@Injectable()
export class GroupService {
  constructor(
    private readonly groups: GroupRepository,
    private readonly users: UserRepository,
    private readonly dataSource: DataSource,
  ) {}

  async create(input: GroupInput): Promise<GroupEntity> {
    assertGroupName(input.name);
    const description = checkedDescription(input.description) ?? '';
    const requirements = { requireMfa: checkedFlag(input, 'require_mfa') ?? false, requirePhishingResistant: checkedFlag(input, 'require_phishing_resistant') ?? false };
    return this.unique(input.name, () => this.groups.insert({ name: input.name!, description, ...requirements }));
  }

  async get(id: string, manager?: EntityManager): Promise<GroupEntity> {
    const group = await this.groups.findById(id, manager);
    if (!group) throw new NotFound(`No group with id ${id}`);
    return group;
  }

  list(options: { limit: number; cursor?: string; search?: string }): Promise<GroupPage> {
    return this.groups.list(options);
  }

  /** Changes name, description and requirements; `manager` lets a rename and the rewrite of its references be one transaction. */
  async update(id: string, input: GroupInput, manager?: EntityManager): Promise<{ before: GroupEntity; after: GroupEntity }> {
    const before = await this.get(id, manager);
    const changes: Partial<GroupEntity> = {};
    if (input.name !== undefined && input.name !== before.name) {
      assertGroupName(input.name);
      changes.name = input.name;
    }
    const description = checkedDescription(input.description);
    if (description !== undefined) changes.description = description;
    const requireMfa = checkedFlag(input, 'require_mfa');
    if (requireMfa !== undefined) changes.requireMfa = requireMfa;
    const requirePhishingResistant = checkedFlag(input, 'require_phishing_resistant');
    if (requirePhishingResistant !== undefined) changes.requirePhishingResistant = requirePhishingResistant;
    if (Object.keys(changes).length > 0) await this.unique(changes.name ?? before.name, () => this.groups.update(id, changes, manager));
    return { before, after: await this.get(id, manager) };
  }

  async delete(id: string, manager?: EntityManager): Promise<void> {
    if (!(await this.groups.delete(id, manager))) throw new NotFound(`No group with id ${id}`);
  }

  /**
   * The groups with these names, each exactly once, or a 400 naming `field` and the first unknown name.
   * Names match whatever their case; what is stored and shown is the group's own spelling.
   */
  async resolveNames(names: readonly string[], field: string, manager?: EntityManager): Promise<GroupEntity[]> {
    const found = await this.groups.findByNames(names, manager);
    const unknown = names.find((name) => !found.some((group) => group.name.toLowerCase() === name.toLowerCase()));
    if (unknown !== undefined) throw InvalidRequest.forField(field, `there is no group named "${unknown.slice(0, 100)}"`);
    return found;
  }

  /** The groups of these names that exist, whatever their case; unknown names are left out. */
  findByNames(names: readonly string[], manager?: EntityManager): Promise<GroupEntity[]> {
    return this.groups.findByNames(names, manager);
  }

  directMembers(groupId: string): Promise<GroupMemberRow[]> {
    return this.groups.directMembers(groupId);
  }

  /** Each group's direct members in one read; keyed by lower-case id. */
  directMembersOf(groupIds: readonly string[]): Promise<Map<string, GroupMemberRow[]>> {
    return this.groups.directMembersOf(groupIds);
  }

  groupsOfPerson(userId: string): Promise<PersonGroupRow[]> {
    return this.groups.groupsOfPerson(userId);
  }

  /**
   * The level every sign-in of the person must reach because of their groups, direct or nested: `phr` when
   * any requires phishing-resistant authentication, else `mfa` when any requires a second factor, else `pwd`.
   */
  requiredLevelOf(userId: string): Promise<AuthLevel> {
    return this.groups.requiredLevelOf(userId);
  }

  groupNamesOfPerson(userId: string, manager?: EntityManager): Promise<string[]> {
    return this.groups.groupNamesOfPerson(userId, manager);
  }

  peopleInGroups(names: readonly string[]) {
    return this.groups.peopleInGroups(names);
  }

  /** The memberships a directory (`source`) manages for the person become exactly these groups. */
  syncSourcedMemberships(userId: string, source: string, groups: readonly GroupEntity[], manager?: EntityManager) {
    return this.groups.syncSourced(userId, source, groups.map((group) => group.id), manager);
  }

  removeSourcedMemberships(source: string, manager?: EntityManager): Promise<void> {
    return this.groups.removeSourced(source, manager);
  }

  /** Puts the person in these groups, inside the transaction that creates them. */
  async addPersonToGroups(userId: string, groups: readonly GroupEntity[], manager: EntityManager): Promise<void> {
    for (const group of groups) await this.groups.addPerson(group.id, userId, { manager });
  }

  /**
   * `memberId` is a person's id or another group's id; a group put inside this one brings its members
   * along. Idempotent. A group may not end up inside itself, at any depth (400). A person put in on behalf
   * of a `source` (SCIM provisioning) carries it, as a directory's memberships do.
   */
  async addMember(groupId: string, memberId: string, source?: string): Promise<MembershipChange> {
    const group = await this.get(groupId);
    const person = await this.users.findById(memberId);
    if (person) {
      const changed = await this.groups.addPerson(group.id, person.id, { source });
      return { group, member: { type: 'user', id: person.id, name: person.username }, changed };
    }
    const child = await this.groups.findById(memberId);
    if (!child) throw new NotFound(`No person or group with id ${memberId}`);
    const changed = await this.dataSource.transaction(async (manager) => {
      // One nesting change at a time: two concurrent changes could otherwise each pass the cycle check
      // and close a loop together.
      await manager.query('LOCK TABLE group_subgroups IN SHARE ROW EXCLUSIVE MODE');
      if (await this.groups.contains(child.id, group.id, manager)) {
        throw new InvalidRequest(`The group ${child.name} contains ${group.name}: putting it inside would make a cycle`);
      }
      return this.groups.addSubgroup(group.id, child.id, manager);
    });
    return { group, member: { type: 'group', id: child.id, name: child.name }, changed };
  }

  async removeMember(groupId: string, memberId: string): Promise<MembershipChange> {
    const group = await this.get(groupId);
    if (!isUuid(memberId)) throw new NotFound(`No member with id ${memberId} in the group ${group.name}`);
    if (await this.groups.removePerson(group.id, memberId)) {
      const person = await this.users.findById(memberId);
      return { group, member: { type: 'user', id: memberId, name: person?.username ?? null }, changed: true };
    }
    if (await this.groups.removeSubgroup(group.id, memberId)) {
      const child = await this.groups.findById(memberId);
      return { group, member: { type: 'group', id: memberId, name: child?.name ?? null }, changed: true };
    }
    throw new NotFound(`No member with id ${memberId} in the group ${group.name}`);
  }

  private async unique<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      // Two groups of one name at once, or a rename onto a taken name: the unique index decides.
      if (isUniqueViolation(error)) throw new Conflict(`A group named ${name} exists`);
      throw error;
    }
  }
}

function checkedDescription(description: unknown): string | undefined {
  if (description === undefined) return undefined;
  if (typeof description !== 'string' || description.length > MAX_GROUP_DESCRIPTION) {
    throw InvalidRequest.forField('description', `must be a string of at most ${MAX_GROUP_DESCRIPTION} characters`);
  }
  return description;
}

/** A requirement flag as sent: undefined when left out, a 400 naming the field for anything but a boolean. */
function checkedFlag(input: GroupInput, field: 'require_mfa' | 'require_phishing_resistant'): boolean | undefined {
  const value: unknown = input[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw InvalidRequest.forField(field, 'must be true or false');
  return value;
}

/** The admin API's view of a group. */
export function toGroupView(group: GroupEntity) {
  return {
    id: group.id,
    name: group.name,
    description: group.description,
    require_mfa: group.requireMfa,
    require_phishing_resistant: group.requirePhishingResistant,
    created_at: group.createdAt.toISOString(),
    updated_at: group.updatedAt.toISOString(),
  };
}
