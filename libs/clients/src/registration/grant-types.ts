/**
 * The grant types the registration rules and the built-in clients name (RFC 6749 §4). Which grant types
 * a client may register is not this list: it is whatever the token endpoint has a handler for (see
 * SupportedGrantTypes).
 */
export const GRANT_TYPES = {
  authorizationCode: 'authorization_code',
  clientCredentials: 'client_credentials',
  refreshToken: 'refresh_token',
  tokenExchange: 'urn:ietf:params:oauth:grant-type:token-exchange',
} as const;
