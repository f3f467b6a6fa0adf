import type { AdminPermission } from '@app/contracts';
import { ADMIN_ROLE, adminRolesOf, AdminRole, APP_OWNER_ROLE } from '@app/users';
import { OWNED_PERMISSIONS, ROLE_PERMISSIONS, SCOPE_PERMISSIONS, SCOPE_ROLES } from './admin-permissions';

/** Who calls the admin API, and what they may do: computed once per request by AdminAuthGuard. */
export class AdminActor {
  private constructor(
    readonly kind: 'person' | 'client',
    /** The person's id, or the client's id. */
    readonly id: string,
    readonly clientId: string,
    readonly roles: readonly AdminRole[],
    readonly scopes: readonly string[],
    readonly permissions: ReadonlySet<AdminPermission>,
    /** Permissions that reach only what the actor owns (an app owner's). */
    readonly ownedOnly: ReadonlySet<AdminPermission>,
  ) {}

  /** A client acts with what its scopes allow. */
  static client(clientId: string, scopes: readonly string[]): AdminActor {
    const roles = unique(scopes.flatMap((scope) => SCOPE_ROLES[scope] ?? []));
    return new AdminActor('client', clientId, clientId, roles, scopes, new Set(fromScopes(scopes)), new Set());
  }

  /** A person acts with what both their roles now and their token's scopes allow. */
  static person(userId: string, clientId: string, personRoles: readonly string[], scopes: readonly string[]): AdminActor {
    const roles = adminRolesOf(personRoles);
    const allowedByScope = new Set(fromScopes(scopes));
    const byRole = (filter: (role: AdminRole) => boolean) => new Set(roles.filter(filter).flatMap((role) => ROLE_PERMISSIONS[role]).filter((permission) => allowedByScope.has(permission)));
    const all = byRole(() => true);
    const unrestricted = byRole((role) => role !== APP_OWNER_ROLE);
    const ownedOnly = new Set(OWNED_PERMISSIONS.filter((permission) => all.has(permission) && !unrestricted.has(permission)));
    return new AdminActor('person', userId, clientId, roles, scopes, all, ownedOnly);
  }

  can(permission: AdminPermission): boolean {
    return this.permissions.has(permission);
  }

  /** True when `permission` reaches only the clients and APIs listing this person as an owner. */
  ownsOnly(permission: AdminPermission): boolean {
    return this.ownedOnly.has(permission);
  }

  /**
   * No privilege escalation: a caller may change a person, or hand out roles, only within powers they hold
   * themselves. `admin` holds every power; the others hold their own role.
   */
  holdsRoles(roles: readonly string[]): boolean {
    if (this.roles.includes(ADMIN_ROLE)) return true;
    return adminRolesOf(roles).every((role) => this.roles.includes(role));
  }
}

function fromScopes(scopes: readonly string[]): AdminPermission[] {
  return unique(scopes.flatMap((scope) => SCOPE_PERMISSIONS[scope] ?? []));
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
