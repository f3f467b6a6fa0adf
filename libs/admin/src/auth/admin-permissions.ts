import type { AdminPermission } from '@app/contracts';
import { ADMIN_PEOPLE_SCOPE, ADMIN_READ_SCOPE, ADMIN_ROLE, ADMIN_SCOPE, AdminRole, APP_OWNER_ROLE, AUDITOR_ROLE, HELPDESK_ROLE } from '@app/users';

export const ALL_PERMISSIONS: readonly AdminPermission[] = [
  'clients:read', 'clients:write', 'clients:create',
  'apis:read', 'apis:write', 'apis:create',
  'people:read', 'people:write', 'people:support',
  'groups:read', 'groups:write',
  'keys:read', 'keys:write',
  'audit:read',
  'devices:read', 'devices:write',
  'providers:read', 'providers:write',
  'logout-deliveries:read', 'logout-deliveries:write',
  'config:read', 'config:write',
];

const READ_PERMISSIONS = ALL_PERMISSIONS.filter((permission) => permission.endsWith(':read'));
const PEOPLE_SUPPORT: readonly AdminPermission[] = ['people:read', 'people:support'];
/** What an app owner may do, on the clients and APIs that list them as owner and on nothing else. */
export const OWNED_PERMISSIONS: readonly AdminPermission[] = ['clients:read', 'clients:write', 'apis:read', 'apis:write'];

/** What each administrator role may do. */
export const ROLE_PERMISSIONS: Record<AdminRole, readonly AdminPermission[]> = {
  [ADMIN_ROLE]: ALL_PERMISSIONS,
  [AUDITOR_ROLE]: READ_PERMISSIONS,
  [HELPDESK_ROLE]: PEOPLE_SUPPORT,
  [APP_OWNER_ROLE]: OWNED_PERMISSIONS,
};

/**
 * What a token's admin scope lets it do: for a client, this is all it may do; for a person, it is an upper
 * bound on what their roles allow (a person's `admin:read` token reads, whatever their roles).
 */
export const SCOPE_PERMISSIONS: Record<string, readonly AdminPermission[]> = {
  [ADMIN_SCOPE]: ALL_PERMISSIONS,
  [ADMIN_READ_SCOPE]: READ_PERMISSIONS,
  [ADMIN_PEOPLE_SCOPE]: PEOPLE_SUPPORT,
};

/** The roles a client's scope stands for, when the powers of a caller are compared with a person's. */
export const SCOPE_ROLES: Record<string, readonly AdminRole[]> = {
  [ADMIN_SCOPE]: [ADMIN_ROLE],
  [ADMIN_READ_SCOPE]: [AUDITOR_ROLE],
  [ADMIN_PEOPLE_SCOPE]: [HELPDESK_ROLE],
};
