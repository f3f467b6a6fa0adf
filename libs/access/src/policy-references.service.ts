import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiService, ClientRepository, GroupReferencesRepository, parseScope } from '@app/clients';
import type { ApiInput, ClientMetadataInput, GroupInput } from '@app/contracts';
import { InvalidClientMetadata, InvalidRequest, isUuid, OAuthError } from '@app/core';
import { GroupEntity, GroupService, UserService } from '@app/users';
import { GroupInUse } from './group-in-use';
import { isServerScope } from './known-scopes';

type Problem = (field: string, message: string) => OAuthError;
const clientProblem: Problem = (field, message) => new InvalidClientMetadata(`${field} ${message}`, { [field]: message });
const apiProblem: Problem = (field, message) => Object.assign(new InvalidRequest(`${field} ${message}`), { fields: { [field]: message } });

/**
 * Access policies refer to groups by name, to owners by person id and to clients by id. Every reference
 * is checked when written (an unknown one is a 400 naming its field), and kept true afterwards: a renamed
 * group is renamed in every policy, a deleted one taken out of them, in the same transaction.
 */
@Injectable()
export class PolicyReferences {
  constructor(
    private readonly groups: GroupService,
    private readonly users: UserService,
    private readonly clients: ClientRepository,
    private readonly apis: ApiService,
    private readonly references: GroupReferencesRepository,
    private readonly dataSource: DataSource,
  ) {}

  /** Client metadata with its group names in their stored spelling, its owners and its scopes checked. */
  async clientInput<T extends Pick<ClientMetadataInput, 'allowed_groups' | 'owners' | 'scope'>>(input: T): Promise<T> {
    await this.knownScopes(input.scope);
    return {
      ...input,
      ...(input.allowed_groups !== undefined && { allowed_groups: await this.groupNames(input.allowed_groups, 'allowed_groups', clientProblem) }),
      ...(input.owners !== undefined && { owners: await this.owners(input.owners, clientProblem) }),
    };
  }

  async apiInput<T extends Pick<ApiInput, 'allowed_groups' | 'allowed_clients' | 'owners' | 'token_exchange'>>(input: T): Promise<T> {
    const checked = {
      ...input,
      ...(input.allowed_groups !== undefined && { allowed_groups: await this.groupNames(input.allowed_groups, 'allowed_groups', apiProblem) }),
      ...(input.owners !== undefined && { owners: await this.owners(input.owners, apiProblem) }),
    };
    await this.clientsExist(input.allowed_clients, 'allowed_clients');
    await this.clientsExist(input.token_exchange?.allowed_clients, 'token_exchange');
    return checked;
  }

  /** Renames and describes a group; a new name replaces the old one in every policy naming it. */
  async updateGroup(id: string, input: GroupInput): Promise<{ before: GroupEntity; after: GroupEntity }> {
    let rewritten = { clients: [] as string[], apis: [] as string[] };
    const change = await this.dataSource.transaction(async (manager) => {
      const result = await this.groups.update(id, input, manager);
      if (result.after.name !== result.before.name) rewritten = await this.references.rewrite(result.before.name, result.after.name, manager);
      return result;
    });
    this.references.announce(rewritten);
    return change;
  }

  /**
   * Deletes a group. One named by an access policy is refused (409, naming the policies) unless `force`:
   * then the name is taken out of them first; a policy left without groups admits everyone again.
   */
  async deleteGroup(id: string, force: boolean): Promise<{ group: GroupEntity; removedFrom: { clients: string[]; apis: string[] } }> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const group = await this.groups.get(id, manager);
      const use = await this.references.usesOf(group.name, manager);
      if (use.clients.length + use.apis.length > 0 && !force) throw new GroupInUse(group.name, use);
      const removedFrom = await this.references.rewrite(group.name, undefined, manager);
      await this.groups.delete(group.id, manager);
      return { group, removedFrom };
    });
    this.references.announce(outcome.removedFrom);
    return outcome;
  }

  private async groupNames(names: unknown, field: string, problem: Problem): Promise<string[]> {
    if (!Array.isArray(names) || names.some((name) => typeof name !== 'string')) throw problem(field, 'must be a list of group names');
    try {
      const found = await this.groups.resolveNames(names as string[], field);
      // Keep the order given, in each group's own spelling.
      return [...new Set((names as string[]).map((name) => found.find((group) => group.name.toLowerCase() === name.toLowerCase())!.name))];
    } catch (error) {
      if (error instanceof OAuthError && error.fields?.[field]) throw problem(field, error.fields[field]);
      throw error;
    }
  }

  /** Every client id in `clientIds` is registered; the first unknown one is a 400 on `field`. */
  private async clientsExist(clientIds: readonly string[] | undefined, field: string): Promise<void> {
    for (const clientId of clientIds ?? []) {
      if (!(await this.clients.findById(clientId))) throw apiProblem(field, `there is no client ${String(clientId).slice(0, 100)}`);
    }
  }

  /**
   * A client may hold only scopes someone serves: this server's own (sign-in, admin, SCIM) or those a
   * registered API defines. Anything else is a typo or an API not registered yet, and would only ever be
   * refused later at the token endpoint. Malformed scope strings are left to the registration rules.
   */
  private async knownScopes(scope: unknown): Promise<void> {
    const tokens = typeof scope === 'string' && scope !== '' ? parseScope(scope) : undefined;
    const candidates = (tokens ?? []).filter((token) => !isServerScope(token));
    if (candidates.length === 0) return;
    const defined = await this.apis.definedScopes(candidates);
    const unknown = candidates.find((token) => !defined.has(token));
    if (unknown !== undefined) {
      throw clientProblem('scope', `holds ${unknown.slice(0, 100)}, which neither this server nor a registered API defines`);
    }
  }

  /** Owners are people, by id; a username is accepted too and stored as the person's id. */
  private async owners(owners: unknown, problem: Problem): Promise<string[]> {
    if (!Array.isArray(owners) || owners.some((owner) => typeof owner !== 'string')) throw problem('owners', 'must be a list of person ids');
    const ids: string[] = [];
    for (const owner of owners as string[]) {
      const person = isUuid(owner) ? await this.users.findById(owner) : await this.users.findByUsername(owner);
      if (!person) throw problem('owners', `there is no person ${owner.slice(0, 100)}`);
      ids.push(person.id);
    }
    return [...new Set(ids)];
  }
}
