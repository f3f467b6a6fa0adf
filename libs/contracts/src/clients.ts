/** JWS algorithms an ID token can be signed with. */
export type IdTokenSigningAlgorithm = 'RS256' | 'ES256' | 'PS256' | 'EdDSA';

/**
 * RFC 7591 §2 and OIDC Core §9: how a client authenticates at the token endpoint. The one list that
 * registration validates against and discovery advertises, in the order discovery prints it.
 */
export const TOKEN_ENDPOINT_AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'none', 'private_key_jwt', 'client_secret_jwt'] as const;
export type TokenEndpointAuthMethodName = (typeof TOKEN_ENDPOINT_AUTH_METHODS)[number];

/** A JWK Set (RFC 7517 §5) of public keys. */
export interface JwkSet {
  keys: Record<string, string | string[] | boolean>[];
}

/** Client metadata as sent to `POST /admin/v1/clients` (RFC 7591 §2 names, plus our policy flags). */
export interface ClientMetadataInput {
  client_name?: string;
  application_type?: 'web' | 'native';
  redirect_uris?: string[];
  post_logout_redirect_uris?: string[];
  grant_types?: string[];
  response_types?: string[];
  token_endpoint_auth_method?: TokenEndpointAuthMethodName;
  scope?: string;
  contacts?: string[];
  logo_uri?: string;
  client_uri?: string;
  policy_uri?: string;
  tos_uri?: string;
  first_party?: boolean;
  require_pkce?: boolean;
  allow_plain_pkce?: boolean;
  /** OIDC Dynamic Client Registration §2: the ID token's JWS algorithm; RS256 when omitted. */
  id_token_signed_response_alg?: IdTokenSigningAlgorithm;
  access_token_ttl?: number | null;
  refresh_token_ttl?: number | null;
  /** Names of the groups whose people may sign in; absent or empty: everyone. */
  allowed_groups?: string[];
  /** Name prefixes: the `groups` claim carries only the groups starting with one of them. Empty: all. */
  groups_claim_filter?: string[];
  /** Ids of the people (with role app-owner) who manage this client. */
  owners?: string[];
  /**
   * OIDC Dynamic Client Registration §2: the sign-in strengths (`pwd`, `mfa`, `phr`) of which one is
   * required when an authorization request names no acr_values. Absent or empty: a password is enough.
   */
  default_acr_values?: string[];
  /** OIDC Back-Channel Logout 1.0 §2.2: absolute https URI (http for loopback hosts) logout tokens are POSTed to; null: none. */
  backchannel_logout_uri?: string | null;
  /** Back-Channel Logout §2.2: the logout token must carry `sid`; false when omitted. */
  backchannel_logout_session_required?: boolean;
  /** OIDC Front-Channel Logout 1.0 §2: the page loaded in an iframe of the signed-out page; null: none. */
  frontchannel_logout_uri?: string | null;
  /** Front-Channel Logout §2: `iss` and `sid` are added to that page's query; false when omitted. */
  frontchannel_logout_session_required?: boolean;
  /** RFC 9449 §5.2: every token request must carry a DPoP proof. */
  dpop_bound_access_tokens?: boolean;
  /** RFC 9701 §6: the JWS algorithm of JWT introspection answers to this client; RS256 when omitted. */
  introspection_signed_response_alg?: IdTokenSigningAlgorithm;
  /** RFC 7591 §2: the public keys of a private_key_jwt client, inline (not with jwks_uri); null: none. */
  jwks?: JwkSet | null;
  /** RFC 7591 §2: an https URL of the client's public keys (not with jwks); null: none. */
  jwks_uri?: string | null;
  /** OIDC Registration §2: the only alg its client assertions may use; null or omitted: any allowed one. */
  token_endpoint_auth_signing_alg?: string | null;
  /** RFC 9126 §6: authorization requests must be pushed to the PAR endpoint first; false when omitted. */
  require_pushed_authorization_requests?: boolean;
}

/** A registration as the admin API returns it (RFC 7591 §3.2.1). */
export interface ClientView {
  client_id: string;
  /** Present only in the answer that created or rotated it. */
  client_secret?: string;
  client_id_issued_at: number;
  /** 0: the secret does not expire. Present for confidential clients. */
  client_secret_expires_at?: number;
  client_name: string;
  application_type: 'web' | 'native';
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  grant_types: string[];
  response_types: string[];
  token_endpoint_auth_method: TokenEndpointAuthMethodName;
  scope: string;
  contacts: string[];
  logo_uri?: string;
  client_uri?: string;
  policy_uri?: string;
  tos_uri?: string;
  first_party: boolean;
  require_pkce: boolean;
  allow_plain_pkce: boolean;
  id_token_signed_response_alg: IdTokenSigningAlgorithm;
  access_token_ttl: number | null;
  refresh_token_ttl: number | null;
  allowed_groups: string[];
  groups_claim_filter: string[];
  owners: string[];
  default_acr_values: string[];
  /** Absent when none is registered. */
  backchannel_logout_uri?: string;
  backchannel_logout_session_required: boolean;
  /** Absent when none is registered. */
  frontchannel_logout_uri?: string;
  frontchannel_logout_session_required: boolean;
  dpop_bound_access_tokens: boolean;
  introspection_signed_response_alg: IdTokenSigningAlgorithm;
  /** Absent when none is registered. */
  jwks?: JwkSet;
  /** Absent when none is registered. */
  jwks_uri?: string;
  /** Absent when any allowed algorithm is accepted. */
  token_endpoint_auth_signing_alg?: string;
  require_pushed_authorization_requests: boolean;
  created_at: string;
  updated_at: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page; null on the last page. */
  next_cursor: string | null;
}

/** Error bodies of the admin API: RFC 6749-style code plus field-level messages. */
export interface ApiError {
  error: string;
  error_description?: string;
  fields?: Record<string, string>;
}
