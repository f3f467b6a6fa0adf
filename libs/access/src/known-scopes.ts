import { ADMIN_SCOPES } from '@app/users';
import { GROUPS_SCOPE, ROLES_SCOPE } from './person-claims.service';

/**
 * The sign-in scopes this server serves (OIDC Core §5.4 and §11, plus the person's groups and roles):
 * discovery's `scopes_supported`, and what any client may register without an API defining it.
 */
export const SUPPORTED_SIGN_IN_SCOPES = ['openid', 'profile', 'email', 'offline_access', GROUPS_SCOPE, ROLES_SCOPE] as const;

/** RFC 7644 provisioning at /scim/v2 takes a client token with this scope. */
export const SCIM_SCOPE = 'scim';

/** Scopes of the server's own APIs (admin API, SCIM); every other scope belongs to a registered API. */
const SERVER_SCOPES: ReadonlySet<string> = new Set([...SUPPORTED_SIGN_IN_SCOPES, ...ADMIN_SCOPES, SCIM_SCOPE]);

export function isServerScope(scope: string): boolean {
  return SERVER_SCOPES.has(scope);
}
