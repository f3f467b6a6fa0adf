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
  /** `acr`: the level of the person's authentication (RFC 9068 §2.2.1), e.g. pwd, mfa, phr. */
  readonly acr: string | undefined;
  /** `amr`: the RFC 8176 methods of that authentication; empty when unknown. */
  readonly amr: readonly string[];
  /** `auth_time`: when the person authenticated, in seconds since the epoch. */
  readonly authTime: number | undefined;
  /** The raw access token, for forwarding to downstream services. */
  readonly token: string;
  readonly source: VerificationSource;
}

/** The authentication claims of a token, each only when it has the expected type. */
export function authenticationOf(claims: AccessTokenClaims): Pick<VerifiedToken, 'acr' | 'amr' | 'authTime'> {
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((method): method is string => typeof method === 'string') : [];
  return {
    acr: typeof claims.acr === 'string' && claims.acr !== '' ? claims.acr : undefined,
    amr,
    authTime: typeof claims.auth_time === 'number' && Number.isFinite(claims.auth_time) ? claims.auth_time : undefined,
  };
}

/** RFC 6749 §3.3: scope is a space-delimited list of case-sensitive values. */
export function parseScopes(scope: unknown): string[] {
  if (typeof scope !== 'string') return [];
  return [...new Set(scope.split(' ').filter((value) => value !== ''))];
}
