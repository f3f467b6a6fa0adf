/**
 * The grant types the registration rules and the built-in clients name (RFC 6749 §4). Which grant types
 * a client may register is not this list: it is whatever the token endpoint has a handler for (see
 * SupportedGrantTypes).
 */
export const GRANT_TYPES = {
  authorizationCode: 'authorization_code',
  clientCredentials: 'client_credentials',
  refreshToken: 'refresh_token',
  /** OIDC Core §3.2: not a token-endpoint grant; allows response_type=id_token at the authorization endpoint. */
  implicit: 'implicit',
  tokenExchange: 'urn:ietf:params:oauth:grant-type:token-exchange',
} as const;
