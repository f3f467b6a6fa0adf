import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ClientEntity } from '@app/clients';
import { GroupService, UserService } from '@app/users';
import { groupsClaim } from './groups-claim';

/** The claims scopes `groups` and `roles` stand for; not OIDC standard claims, but what every IdP names so. */
export const GROUPS_SCOPE = 'groups';
export const ROLES_SCOPE = 'roles';

/**
 * `groups` (every group of the person, transitively, cut down by the client's groups_claim_filter) and
 * `roles`, for the scopes that ask for them. One source for the id_token, userinfo, JWT access tokens and
 * introspection, so that they agree.
 */
@Injectable()
export class PersonClaims {
  constructor(
    private readonly groups: GroupService,
    private readonly users: UserService,
  ) {}

  async forScopes(
    userId: string,
    client: Pick<ClientEntity, 'groupsClaimFilter'>,
    scopes: readonly string[],
    manager?: EntityManager,
  ): Promise<{ groups?: string[]; roles?: string[] }> {
    const claims: { groups?: string[]; roles?: string[] } = {};
    if (scopes.includes(GROUPS_SCOPE)) {
      claims.groups = groupsClaim(await this.groups.groupNamesOfPerson(userId, manager), client.groupsClaimFilter);
    }
    if (scopes.includes(ROLES_SCOPE)) {
      claims.roles = [...((await this.users.findById(userId, manager))?.roles ?? [])];
    }
    return claims;
  }
}
