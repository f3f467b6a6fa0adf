/**
 * The role that makes a person an administrator of everything. Roles are free-form names otherwise
 * (user-rules.ts); the four below are the ones the admin API knows.
 */
export const ADMIN_ROLE = 'admin';
/** Reads the whole admin API, never a secret. */
export const AUDITOR_ROLE = 'auditor';
/** Supports people: unlock, disable, set a password, end sessions. */
export const HELPDESK_ROLE = 'helpdesk';
/** Manages the clients and APIs whose `owners` list them. */
export const APP_OWNER_ROLE = 'app-owner';

export const ADMIN_ROLES = [ADMIN_ROLE, AUDITOR_ROLE, HELPDESK_ROLE, APP_OWNER_ROLE] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

/** Admin API scopes: everything the holder may do, reading only, or supporting people. */
export const ADMIN_SCOPE = 'admin';
export const ADMIN_READ_SCOPE = 'admin:read';
export const ADMIN_PEOPLE_SCOPE = 'admin:people';
export const ADMIN_SCOPES = [ADMIN_SCOPE, ADMIN_READ_SCOPE, ADMIN_PEOPLE_SCOPE] as const;

const SCOPES_OF_ROLE: Record<AdminRole, readonly string[]> = {
  [ADMIN_ROLE]: ADMIN_SCOPES,
  [AUDITOR_ROLE]: [ADMIN_SCOPE, ADMIN_READ_SCOPE],
  [HELPDESK_ROLE]: [ADMIN_SCOPE, ADMIN_PEOPLE_SCOPE],
  [APP_OWNER_ROLE]: [ADMIN_SCOPE],
};

export function adminRolesOf(roles: readonly string[]): AdminRole[] {
  return ADMIN_ROLES.filter((role) => roles.includes(role));
}

/**
 * The admin scopes a person may be granted while holding `roles`: a client asking for more gets less. The
 * scope only opens the door; what the person may do inside is decided by their roles at each request.
 */
export function grantableAdminScopes(roles: readonly string[]): Set<string> {
  return new Set(adminRolesOf(roles).flatMap((role) => SCOPES_OF_ROLE[role]));
}
