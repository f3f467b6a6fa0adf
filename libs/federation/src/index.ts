import { IdentityProviderEntity } from './providers/identity-provider.entity';
import { IdentityProviders1764100018000 } from './migrations/1764100018000-identity-providers';

export * from './accounts/federated-accounts.service';
export * from './accounts/federation-refused';
export type { UpstreamProfile } from './accounts/upstream-profile';
export * from './federation.module';
export * from './ldap/ldap-sync.service';
export { LdapDirectory } from './ldap/ldap-directory';
export type { LdapPerson, LdapTimeouts } from './ldap/ldap-directory';
export * from './providers/identity-provider.entity';
export * from './providers/identity-provider.service';
export type { LdapProviderConfig, OidcProviderConfig } from './providers/provider-config';

export const FEDERATION_ENTITIES = [IdentityProviderEntity];
export const FEDERATION_MIGRATIONS = [IdentityProviders1764100018000];
