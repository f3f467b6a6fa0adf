/** Claims of an RFC 9068 access token, or the members of an RFC 7662 introspection answer. */
export interface AccessTokenClaims {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  client_id?: string;
  /** Space-separated scope values. */
  scope?: string;
  jti?: string;
  iat?: number;
  exp?: number;
  nbf?: number;
  [claim: string]: unknown;
}

/** How a token was verified. */
export type VerificationSource = 'jwt' | 'introspection';

export interface VerifiedToken {
  readonly claims: Readonly<AccessTokenClaims>;
  /** The `scope` claim split on spaces. */
  readonly scopes: readonly string[];
  /** `sub`: the resource owner, or the client itself for client-credentials tokens. */
  readonly subject: string | undefined;
  /** `client_id`: the client the token was issued to. */
  readonly clientId: string | undefined;
  /** The raw access token, for forwarding to downstream services. */
  readonly token: string;
  readonly source: VerificationSource;
}

/** RFC 6749 §3.3: scope is a space-delimited list of case-sensitive values. */
export function parseScopes(scope: unknown): string[] {
  if (typeof scope !== 'string') return [];
  return [...new Set(scope.split(' ').filter((value) => value !== ''))];
}
