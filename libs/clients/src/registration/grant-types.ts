/** Grant type identifiers this server knows (RFC 6749 §4, RFC 8628 §3.4). */
export const GRANT_TYPES = {
  authorizationCode: 'authorization_code',
  clientCredentials: 'client_credentials',
  refreshToken: 'refresh_token',
  deviceCode: 'urn:ietf:params:oauth:grant-type:device_code',
} as const;

export type GrantTypeId = (typeof GRANT_TYPES)[keyof typeof GRANT_TYPES];

export const KNOWN_GRANT_TYPES: readonly string[] = Object.values(GRANT_TYPES);
