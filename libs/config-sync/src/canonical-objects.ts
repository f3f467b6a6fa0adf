import { ApiEntity, ClientEntity, toClientView } from '@app/clients';
import type { IdentityProviderView } from '@app/contracts';
import type { GroupEntity } from '@app/users';
import type { ConfigObject } from './config-document';
import { secretReferenceFor } from './secret-reference';

/**
 * One shape per kind of object, built by the same functions from what is stored (export) and from what a
 * document asks for (plan), so that equal configurations compare, and print, equal.
 */

/** Server-given fields of a registration: they differ between servers and are not configuration. */
const VOLATILE_CLIENT_FIELDS = ['client_id_issued_at', 'client_secret_expires_at', 'created_at', 'updated_at', 'client_secret'] as const;

export function applicationObject(client: ClientEntity, ownerNames: string[], secretSet: boolean): ConfigObject {
  const view: Record<string, unknown> = { ...toClientView(client) };
  for (const field of VOLATILE_CLIENT_FIELDS) delete view[field];
  view.owners = ownerNames;
  if (secretSet) view.client_secret = secretReferenceFor('application', client.clientId);
  return plain(view);
}

/** The API's own introspection client is not configuration: its id and secret are the server's. */
export function apiObject(api: ApiEntity, ownerNames: string[]): ConfigObject {
  return plain({
    identifier: api.identifier,
    name: api.name,
    scopes: api.scopes.map((scope) => ({ name: scope.name, description: scope.description })),
    access_token_ttl: api.accessTokenTtl,
    access_token_format: api.accessTokenFormat,
    allowed_groups: api.allowedGroups,
    allowed_clients: api.allowedClients,
    owners: ownerNames,
    token_exchange: { allowed_clients: api.tokenExchangeAllowedClients },
  });
}

/** `parents`: the groups this one is inside (directly), by name. */
export function groupObject(group: Pick<GroupEntity, 'name' | 'description' | 'requireMfa' | 'requirePhishingResistant'>, parents: string[]): ConfigObject {
  return plain({
    name: group.name,
    description: group.description,
    require_mfa: group.requireMfa,
    require_phishing_resistant: group.requirePhishingResistant,
    parents: [...parents].sort(),
  });
}

export function roleObject(role: string, usernames: string[]): ConfigObject {
  return { role, people: [...usernames].sort() };
}

const VOLATILE_PROVIDER_FIELDS = ['id', 'secret_set', 'redirect_uri', 'created_at', 'updated_at'] as const;

export function providerObject(view: IdentityProviderView): ConfigObject {
  const object: Record<string, unknown> = { ...view };
  for (const field of VOLATILE_PROVIDER_FIELDS) delete object[field];
  if (view.secret_set) object[view.type === 'ldap' ? 'bind_password' : 'client_secret'] = secretReferenceFor('identity_provider', view.name);
  return plain(object);
}

/** Undefined members dropped, as YAML and JSON would drop them, so both sides compare alike. */
function plain(object: Record<string, unknown>): ConfigObject {
  return JSON.parse(JSON.stringify(object)) as ConfigObject;
}
