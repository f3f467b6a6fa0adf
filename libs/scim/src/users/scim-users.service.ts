import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { UpdateUserInput } from '@app/contracts';
import { AppConfig, NotFound } from '@app/core';
import { accessEndedDetails, PersonAccessService } from '@app/grants';
import { adminRolesOf, UserService } from '@app/users';
import { SqlColumns } from '../filter/filter-sql';
import { resourceBody, withoutMeta } from '../http/resource-body';
import { changesBetween, ScimAudit } from '../http/scim-audit';
import type { ScimRequest } from '../http/scim-auth.guard';
import type { ScimResourceService } from '../http/scim-resource.controller';
import { ScimError } from '../http/scim-error';
import { checkIfMatch } from '../http/scim-reply';
import { ListQuery } from '../list/list-query';
import { listResources, ListSource } from '../list/scim-lister';
import { applyPatch } from '../patch/scim-patch';
import { resourceScope } from '../schema/attribute-path';
import { normalizeResource } from '../schema/normalize';
import { USER_RESOURCE, USER_SCHEMA } from '../schema/scim-schemas';
import { ScimResourceRepository, ScimUserRow } from '../storage/scim-resource.repository';
import { fromScimUser, ScimUserInput, toScimUser } from './scim-user.mapper';

type Resource = Record<string, unknown>;

export const USER_SCOPE = resourceScope(USER_RESOURCE);

/** The User attributes SQL can narrow a filter on: our own columns. */
const USER_COLUMNS: SqlColumns = {
  id: { kind: 'uuid', expression: 'r.id' },
  userName: { kind: 'text', expression: 'r.username' },
  externalId: { kind: 'exact', expression: 's.external_id' },
  displayName: { kind: 'text', expression: 'r.name' },
  'name.givenName': { kind: 'text', expression: 'r.given_name' },
  'name.familyName': { kind: 'text', expression: 'r.family_name' },
  active: { kind: 'boolean', expression: 'NOT r.disabled' },
};

/**
 * People over SCIM. Creation goes through UserService like federation's JIT (a random password nobody
 * knows unless one is provisioned); every later change, and above all `active: false` and deletion, goes
 * through PersonAccessService, which ends the person's sessions and tokens.
 */
@Injectable()
export class ScimUsersService implements ScimResourceService {
  readonly scope = USER_SCOPE;
  private readonly source: ListSource<ScimUserRow> = {
    kind: 'user',
    scope: USER_SCOPE,
    columns: USER_COLUMNS,
    renderPage: async (rows) => rows.map((row) => toScimUser(row, this.location(row.id))),
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserService,
    private readonly access: PersonAccessService,
    private readonly resources: ScimResourceRepository,
    private readonly audit: ScimAudit,
    private readonly config: AppConfig,
  ) {}

  async get(id: string): Promise<Resource> {
    return toScimUser(await this.row(id), this.location(id));
  }

  list(query: ListQuery): Promise<Resource> {
    return listResources(this.resources, this.source, query);
  }

  async create(request: ScimRequest, body: unknown): Promise<Resource> {
    const input = fromScimUser(normalizeResource(USER_SCOPE, resourceBody(body, USER_SCHEMA)));
    const user = await this.dataSource.transaction(async (manager) => {
      const created = await this.users.create({
        username: input.username,
        // Nobody knows it: the person signs in through an upstream provider until a password is set.
        password: input.password ?? randomBytes(32).toString('base64url'),
        ...(input.email !== null && { email: input.email }),
        ...(input.name !== null && { name: input.name }),
        ...(input.givenName !== null && { given_name: input.givenName }),
        ...(input.familyName !== null && { family_name: input.familyName }),
      }, manager);
      await this.resources.save('user', created.id, input.extra, manager);
      return created;
    });
    if (input.active === false) await this.access.update(user.id, { disabled: true });
    await this.audit.record(request, 'user.created', { type: 'user', id: user.id }, { username: user.username, disabled: input.active === false });
    return this.get(user.id);
  }

  async replace(request: ScimRequest, id: string, body: unknown, ifMatch: string | undefined): Promise<Resource> {
    const current = await this.changeable(id);
    checkIfMatch(ifMatch, current);
    const input = fromScimUser(normalizeResource(USER_SCOPE, resourceBody(body, USER_SCHEMA, id)));
    return this.store(request, id, input, current);
  }

  async patch(request: ScimRequest, id: string, body: unknown, ifMatch: string | undefined): Promise<Resource> {
    const current = await this.changeable(id);
    checkIfMatch(ifMatch, current);
    return this.store(request, id, fromScimUser(applyPatch(USER_SCOPE, withoutMeta(current), body)), current);
  }

  async delete(request: ScimRequest, id: string, ifMatch: string | undefined): Promise<void> {
    const current = await this.changeable(id);
    checkIfMatch(ifMatch, current);
    await this.access.delete(id);
    await this.audit.record(request, 'user.deleted', { type: 'user', id }, { username: current.userName });
  }

  private async store(request: ScimRequest, id: string, input: ScimUserInput, current: Resource): Promise<Resource> {
    const changes: UpdateUserInput = { username: input.username, email: input.email, name: input.name, given_name: input.givenName, family_name: input.familyName };
    // Left out, `active` stays as it is; false is the kill switch (sessions and tokens end), true re-enables.
    if (input.active !== undefined) changes.disabled = !input.active;
    const { ended } = await this.access.change(id, changes);
    const passwordSet = input.password !== undefined && !(await this.users.isCurrentPassword(id, input.password));
    if (passwordSet) await this.access.setPassword(id, input.password!);
    await this.resources.save('user', id, input.extra);
    const after = await this.get(id);
    const changed = changesBetween(withoutMeta(current), withoutMeta(after));
    // Clients repeat what they already sent; only a change is an event.
    if (Object.keys(changed).length === 0 && !passwordSet) return after;
    await this.audit.record(request, 'user.updated', { type: 'user', id }, {
      username: after.userName,
      fields: Object.keys(changed).sort(),
      changes: changed,
      ...('active' in changed && { disabled: !input.active }),
      // The kill switch's consequences in the same one event: sessions ended, grants revoked, apps told.
      ...('active' in changed && ended && accessEndedDetails(ended)),
      ...(passwordSet && { password_set: true }),
    });
    return after;
  }

  private async row(id: string): Promise<ScimUserRow> {
    const row = await this.resources.find('user', id);
    if (!row) throw new NotFound(`No User with id ${id}`);
    return row;
  }

  /**
   * As in the admin API, nobody changes a person holding administrator powers beyond their own, and a
   * provisioning client holds none: an administrator is read-only here (a directory cannot lock them out).
   */
  private async changeable(id: string): Promise<Resource> {
    const row = await this.row(id);
    if (adminRolesOf(row.roles).length > 0) throw new ScimError(403, undefined, 'This person holds administrator roles; change them through the admin API');
    return toScimUser(row, this.location(id));
  }

  private location(id: string): string {
    return this.config.endpoint(`/scim/v2/Users/${id}`);
  }
}
