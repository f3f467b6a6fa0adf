/** Maps an upstream group (its id or name, as the upstream sends it) to the name of one of our groups. */
export type GroupMapping = Record<string, string>;

/** `POST /admin/v1/identity-providers` with `type: "oidc"`: an upstream OpenID Provider. */
export interface OidcProviderInput {
  type: 'oidc';
  /** URL-safe, unique; the callback is `{ISSUER}/federation/{name}/callback`. */
  name: string;
  display_name?: string;
  /** Fills issuer shape, scopes and claim names: `entra-id`, `google-workspace`, `okta`. */
  template?: 'entra-id' | 'google-workspace' | 'okta';
  issuer?: string;
  client_id: string;
  /** Write-only: never returned. */
  client_secret?: string;
  scopes?: string[];
  /** E-mail domains whose people this provider signs in (home-realm discovery). */
  domains?: string[];
  /** null: the upstream sends no groups. */
  groups_claim?: string | null;
  group_mapping?: GroupMapping;
  jit?: boolean;
  link_by_verified_email?: boolean;
  enabled?: boolean;
}

/** `type: "ldap"`: a directory checked by binding as the person with the password typed on our login page. */
export interface LdapProviderInput {
  type: 'ldap';
  name: string;
  display_name?: string;
  /** Fills attribute names and filters: `active-directory`, `openldap`. */
  template?: 'active-directory' | 'openldap';
  url: string;
  start_tls?: boolean;
  bind_dn?: string;
  /** Write-only: never returned. */
  bind_password?: string;
  user_base_dn: string;
  /** `{username}` is replaced by the escaped (RFC 4515) username. */
  user_filter?: string;
  attributes?: { username?: string; email?: string; name?: string; given_name?: string; family_name?: string; id?: string };
  group_base_dn?: string;
  /** `{dn}` is replaced by the escaped DN of the person. */
  group_filter?: string;
  nested_groups?: boolean;
  group_mapping?: GroupMapping;
  jit?: boolean;
  /** Seconds between directory syncs that disable people gone from it; absent: no sync. */
  sync_interval_s?: number | null;
  enabled?: boolean;
}

export type IdentityProviderInput = OidcProviderInput | LdapProviderInput;

/** An identity provider as the admin API returns it: everything but its secret. */
export type IdentityProviderView = (Omit<OidcProviderInput, 'client_secret'> | Omit<LdapProviderInput, 'bind_password'>) & {
  id: string;
  display_name: string;
  enabled: boolean;
  /** Whether a client_secret / bind_password is stored. */
  secret_set: boolean;
  /** For OIDC: the redirect URI to register at the upstream. */
  redirect_uri?: string;
  created_at: string;
  updated_at: string;
};
