import { Injectable } from '@nestjs/common';
import { GroupInUse, PolicyReferences } from '@app/access';
import { AppConfig, NotFound, OAuthError } from '@app/core';
import { GroupMemberRow, GroupService, UserService } from '@app/users';
import { SqlColumns } from '../filter/filter-sql';
import { resourceBody, withoutMeta } from '../http/resource-body';
import { ScimAudit } from '../http/scim-audit';
import type { ScimRequest } from '../http/scim-auth.guard';
import type { ScimResourceService } from '../http/scim-resource.controller';
import { ScimError } from '../http/scim-error';
import { checkIfMatch } from '../http/scim-reply';
import { ListQuery } from '../list/list-query';
import { listResources, ListSource } from '../list/scim-lister';
import { applyPatch } from '../patch/scim-patch';
import { resourceScope } from '../schema/attribute-path';
import { normalizeResource } from '../schema/normalize';
import { GROUP_RESOURCE, GROUP_SCHEMA } from '../schema/scim-schemas';
import { ScimGroupRow, ScimResourceRepository } from '../storage/scim-resource.repository';
import { fromScimGroup, ScimGroupInput, toScimGroup } from './scim-group.mapper';

type Resource = Record<string, unknown>;

export const GROUP_SCOPE = resourceScope(GROUP_RESOURCE);

/** group_members.source of the memberships SCIM makes (see GroupRepository.addPerson). */
export const SCIM_MEMBERSHIP_SOURCE = 'scim';

const GROUP_COLUMNS: SqlColumns = {
  id: { kind: 'uuid', expression: 'r.id' },
  displayName: {
    kind: 'text',
    expression: 'coalesce(s.display_name, r.name)',
    // No index spans both tables: a match has its SCIM display_name (scim_resources_group_display_name)
    // or, without one, its name (groups_name_lower_idx) equal to the value.
    eqCandidates: (value) =>
      `r.id IN (SELECT group_id FROM scim_resources WHERE group_id IS NOT NULL AND lower(display_name) = ${value}
                UNION ALL SELECT id FROM groups WHERE lower(name) = ${value})`,
  },
  externalId: { kind: 'exact', expression: 's.external_id' },
};

/**
 * Groups over SCIM, through GroupService (memberships, cycles) and PolicyReferences (a rename reaches
 * every access policy naming the group; a group a policy names is not deleted).
 */
@Injectable()
export class ScimGroupsService implements ScimResourceService {
  readonly scope = GROUP_SCOPE;
  private readonly source: ListSource<ScimGroupRow> = {
    kind: 'group',
    scope: GROUP_SCOPE,
    columns: GROUP_COLUMNS,
    renderPage: (rows, query) => this.renderPage(rows, !query.excludedAttributes.some((path) => path.toLowerCase() === 'members')),
  };

  constructor(
    private readonly groups: GroupService,
    private readonly users: UserService,
    private readonly references: PolicyReferences,
    private readonly resources: ScimResourceRepository,
    private readonly audit: ScimAudit,
    private readonly config: AppConfig,
  ) {}

  async get(id: string, withMembers = true): Promise<Resource> {
    const row = await this.resources.find('group', id);
    if (!row) throw new NotFound(`No Group with id ${id}`);
    return this.render(row, withMembers);
  }

  list(query: ListQuery): Promise<Resource> {
    return listResources(this.resources, this.source, query);
  }

  async create(request: ScimRequest, body: unknown): Promise<Resource> {
    const input = fromScimGroup(normalizeResource(GROUP_SCOPE, resourceBody(body, GROUP_SCHEMA)));
    // Checked first: a refused member must not leave a created group behind for the client's retry to hit.
    for (const memberId of input.members ?? []) await this.assertMember(memberId);
    const group = await this.groups.create({ name: input.name });
    await this.saveExtra(group.id, input);
    await this.audit.record(request, 'group.created', { type: 'group', id: group.id }, { name: group.name });
    await this.syncMembers(request, group.id, [], input.members ?? []);
    return this.get(group.id);
  }

  async replace(request: ScimRequest, id: string, body: unknown, ifMatch: string | undefined): Promise<Resource> {
    const current = await this.get(id);
    checkIfMatch(ifMatch, current);
    return this.store(request, id, fromScimGroup(normalizeResource(GROUP_SCOPE, resourceBody(body, GROUP_SCHEMA, id))), current);
  }

  async patch(request: ScimRequest, id: string, body: unknown, ifMatch: string | undefined): Promise<Resource> {
    const current = await this.get(id);
    checkIfMatch(ifMatch, current);
    const input = fromScimGroup(applyPatch(GROUP_SCOPE, withoutMeta(current), body));
    // The patched resource held every member: none left means the last one was removed.
    return this.store(request, id, { ...input, members: input.members ?? [] }, current);
  }

  async delete(request: ScimRequest, id: string, ifMatch: string | undefined): Promise<void> {
    checkIfMatch(ifMatch, await this.get(id, false));
    try {
      const { group } = await this.references.deleteGroup(id, false);
      await this.audit.record(request, 'group.deleted', { type: 'group', id }, { name: group.name });
    } catch (error) {
      // Taking the group out of a policy could open the app to everyone: an administrator decides.
      if (error instanceof GroupInUse) throw new ScimError(409, undefined, 'An access policy names this group; an administrator must take it out first');
      throw error;
    }
  }

  /** A PUT without members leaves them as they are: omitting them is no request to empty the group. */
  private async store(request: ScimRequest, id: string, input: ScimGroupInput, current: Resource): Promise<Resource> {
    const { before, after } = await this.references.updateGroup(id, { name: input.name });
    await this.saveExtra(id, input);
    if (before.name !== after.name) {
      await this.audit.record(request, 'group.updated', { type: 'group', id }, { name: after.name, changes: { name: { before: before.name, after: after.name } } });
    }
    if (input.members !== undefined) await this.syncMembers(request, id, memberIds(current), input.members);
    return this.get(id);
  }

  private saveExtra(id: string, input: ScimGroupInput): Promise<void> {
    return this.resources.save('group', id, { externalId: input.externalId, displayName: input.displayName === input.name ? null : input.displayName, attributes: {} });
  }

  /** Members become exactly `wanted`, one GroupService change (and one audit event) each. */
  private async syncMembers(request: ScimRequest, groupId: string, present: string[], wanted: string[]): Promise<void> {
    for (const memberId of present.filter((id) => !wanted.includes(id))) {
      const change = await this.groups.removeMember(groupId, memberId);
      await this.audit.record(request, 'group.member_removed', { type: 'group', id: groupId }, { group: change.group.name, member: change.member });
    }
    for (const memberId of wanted.filter((id) => !present.includes(id))) {
      const change = await this.groups.addMember(groupId, memberId, SCIM_MEMBERSHIP_SOURCE).catch((error: unknown) => {
        throw isNotFound(error) ? unknownMember(memberId) : error;
      });
      if (change.changed) await this.audit.record(request, 'group.member_added', { type: 'group', id: groupId }, { group: change.group.name, member: change.member });
    }
    // Membership is not a column of the group: the SCIM row's time says when it last changed.
    await this.resources.touch('group', groupId);
  }

  private async assertMember(memberId: string): Promise<void> {
    if (await this.users.findById(memberId)) return;
    await this.groups.get(memberId).catch((error: unknown) => {
      throw isNotFound(error) ? unknownMember(memberId) : error;
    });
  }

  private async render(row: ScimGroupRow, withMembers: boolean): Promise<Resource> {
    const [resource] = await this.renderPage([row], withMembers);
    return resource;
  }

  /** Members of the whole page in one read; a group without any still gets [] (and so a version). */
  private async renderPage(rows: ScimGroupRow[], withMembers: boolean): Promise<Resource[]> {
    const members = withMembers ? await this.groups.directMembersOf(rows.map((row) => row.id)) : undefined;
    return rows.map((row) => {
      const own: GroupMemberRow[] | undefined = members && (members.get(row.id) ?? []);
      return toScimGroup(row, own, (type, id) => this.config.endpoint(`/scim/v2/${type}/${id}`));
    });
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof OAuthError && error.code === 'not_found';
}

function unknownMember(memberId: string): ScimError {
  return ScimError.invalid('invalidValue', `No User or Group with id ${memberId.slice(0, 64)}`);
}

function memberIds(resource: Resource): string[] {
  return Array.isArray(resource.members) ? resource.members.map((member: { value: string }) => member.value) : [];
}
