import { InMemoryWebStorage, User, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { CONSOLE_SEGMENT } from './console-base';

export const CONSOLE_CLIENT_ID = 'admin-console';
/** The roles that open the console; the admin API then limits each to what its role may do. */
export const ADMIN_ROLES = ['admin', 'auditor', 'helpdesk', 'app-owner'] as const;
/** Granted by the server to a person only while they hold one of ADMIN_ROLES. */
export const ADMIN_SCOPE = 'admin';

export type Discovery = Record<string, unknown> & { issuer: string };

export async function loadDiscovery(issuer: string): Promise<Discovery> {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`The server's discovery document answered ${response.status}`);
  return (await response.json()) as Discovery;
}

/**
 * Authorization code + PKCE S256 (oidc-client-ts' default for `code`). Tokens are kept in memory only,
 * never in localStorage: a reload signs in again through the SSO session. The one-time state and code
 * verifier live in sessionStorage for the length of the redirect.
 */
export function createUserManager(issuer: string, discovery: Discovery): UserManager {
  return new UserManager({
    authority: issuer,
    metadata: discovery,
    client_id: CONSOLE_CLIENT_ID,
    // The console's registration (server side) names these under the issuer, its path included.
    redirect_uri: `${issuer}${CONSOLE_SEGMENT}/callback`,
    post_logout_redirect_uri: `${issuer}${CONSOLE_SEGMENT}/`,
    response_type: 'code',
    // `roles` puts the person's roles in the ID token and userinfo, so a refusal can say which they hold.
    scope: 'openid profile email roles admin',
    loadUserInfo: Boolean(discovery.userinfo_endpoint),
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    automaticSilentRenew: true,
    monitorSession: false,
  });
}

/** Roles from the id_token or userinfo (`roles`, an array or a space-separated string). */
export function rolesOf(user: User): string[] {
  const roles = user.profile.roles as unknown;
  if (Array.isArray(roles)) return roles.filter((role): role is string => typeof role === 'string');
  if (typeof roles === 'string') return roles.split(/\s+/).filter(Boolean);
  return [];
}

/**
 * Whether the token can be worth a `GET /admin/v1/me`: the server left out the admin scope when the person
 * holds no admin role. (An answer without a scope list means the scope asked for was granted as asked.)
 */
export function hasAdminScope(user: User): boolean {
  return user.scopes.length === 0 || user.scopes.includes(ADMIN_SCOPE);
}

export function displayName(user: User): string {
  const profile = user.profile;
  return String(profile.name ?? profile.preferred_username ?? profile.email ?? profile.sub);
}
