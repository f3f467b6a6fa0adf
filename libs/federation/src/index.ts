import { IdentityProviderEntity } from './providers/identity-provider.entity';
import { IdentityProviders1764100018000 } from './migrations/1764100018000-identity-providers';
import { UpstreamAttempts1764100019000 } from './migrations/1764100019000-upstream-attempts';

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
export { normalizeProvider } from './providers/provider-config';
export * from './oidc/home-realm.service';
export * from './oidc/oidc-federation.module';
export * from './oidc/oidc-sign-in.service';
export * from './oidc/upstream-discovery.service';
export * from './oidc/upstream-failed';

export const FEDERATION_ENTITIES = [IdentityProviderEntity];
export const FEDERATION_MIGRATIONS = [IdentityProviders1764100018000];
// Added on its own line so other migrations can be listed above without touching this one.
FEDERATION_MIGRATIONS.push(UpstreamAttempts1764100019000);
