/**
 * Errors thrown by the verifier and the request helpers. Each one knows the HTTP status it maps to
 * and carries a `description` that is safe to show to the client; `message` may hold more detail
 * for server-side logs.
 */

/** RFC 6750 §3.1 error codes, plus the status-only cases that carry no code. */
export type BearerErrorCode = 'invalid_request' | 'invalid_token' | 'insufficient_scope' | 'insufficient_user_authentication' | 'invalid_dpop_proof';

export abstract class ResourceServerError extends Error {
  /** HTTP status the error maps to. */
  abstract readonly status: 400 | 401 | 403 | 503;
  /** RFC 6750 error code, or undefined when the response must not carry one. */
  abstract readonly errorCode: BearerErrorCode | undefined;
  /** Human-readable explanation that is safe to send to the client. */
  readonly description: string;
  /** RFC 9449 §7.1: the scheme of the challenge; DPoP for a request that used it or a DPoP-bound token. */
  challengeScheme: 'Bearer' | 'DPoP' = 'Bearer';

  protected constructor(description: string, message?: string, options?: { cause?: unknown }) {
    super(message ?? description, options);
    this.name = new.target.name;
    this.description = description;
  }
}

/**
 * The request carried no bearer token at all.
 * RFC 6750 §3.1: in that case the challenge SHOULD NOT include an error code.
 */
export class MissingTokenError extends ResourceServerError {
  override readonly status = 401;
  override readonly errorCode = undefined;

  constructor(description = 'An access token is required') {
    super(description);
  }
}

/** The Authorization header was malformed or held more than one token (RFC 6750 §3.1). */
export class InvalidRequestError extends ResourceServerError {
  override readonly status = 400;
  override readonly errorCode = 'invalid_request';

  constructor(description: string) {
    super(description);
  }
}

/** The token is expired, revoked, malformed, or not meant for this resource (RFC 6750 §3.1). */
export class InvalidTokenError extends ResourceServerError {
  override readonly status = 401;
  override readonly errorCode = 'invalid_token';

  constructor(description = 'The access token is invalid', options?: { cause?: unknown; message?: string }) {
    super(description, options?.message, { cause: options?.cause });
  }
}

/** RFC 9449 §7.1: the DPoP proof that came with the token is missing or fails a check of §4.3. */
export class InvalidDpopProofError extends ResourceServerError {
  override readonly status = 401;
  override readonly errorCode = 'invalid_dpop_proof';

  constructor(message: string) {
    super('The DPoP proof is invalid', message);
    this.challengeScheme = 'DPoP';
  }
}

/** The token is valid but lacks scopes the resource requires (RFC 6750 §3.1). */
export class InsufficientScopeError extends ResourceServerError {
  override readonly status = 403;
  override readonly errorCode = 'insufficient_scope';
  /** Every scope the resource requires; rendered in the challenge's `scope` attribute. */
  readonly requiredScopes: readonly string[];
  /** The required scopes the token does not have. */
  readonly missingScopes: readonly string[];

  constructor(requiredScopes: readonly string[], missingScopes: readonly string[]) {
    super(`The access token is missing the required scope(s): ${missingScopes.join(' ')}`);
    this.requiredScopes = [...requiredScopes];
    this.missingScopes = [...missingScopes];
  }
}

/** How a token misses a route's authentication requirement, and the requirement to name in the challenge. */
export interface AuthenticationShortfall {
  /** The token's `acr` is none of the accepted levels, nor higher than one. */
  tooWeak: boolean;
  /** The token's `auth_time` is older than `maxAge`, or missing. */
  tooOld: boolean;
  acrValues?: readonly string[];
  maxAge?: number;
}

/**
 * The token is valid, but the person's authentication behind it is too weak or too old for this
 * resource (RFC 9470 §3). The client can get a new token with `acr_values` and `max_age`.
 */
export class InsufficientUserAuthenticationError extends ResourceServerError {
  override readonly status = 401;
  override readonly errorCode = 'insufficient_user_authentication';
  /** The levels that would do, in order of preference; rendered as `acr_values`. */
  readonly acrValues: readonly string[] | undefined;
  /** The greatest age of the authentication that would do, in seconds; rendered as `max_age`. */
  readonly maxAge: number | undefined;

  constructor(shortfall: AuthenticationShortfall) {
    super(describeShortfall(shortfall));
    this.acrValues = shortfall.acrValues && [...shortfall.acrValues];
    this.maxAge = shortfall.maxAge;
  }
}

function describeShortfall(shortfall: AuthenticationShortfall): string {
  if (shortfall.tooWeak && shortfall.tooOld) return 'A stronger and more recent authentication is required';
  return shortfall.tooWeak ? 'A stronger authentication is required' : 'A more recent authentication is required';
}

/**
 * The token could not be checked because the authorization server (discovery, JWKS or
 * introspection) did not answer usefully. This is not a verdict on the token: it maps to 503.
 */
export class VerifierUnavailableError extends ResourceServerError {
  override readonly status = 503;
  override readonly errorCode = undefined;

  constructor(message: string, options?: { cause?: unknown }) {
    super('The authorization server is temporarily unavailable', message, options);
  }
}

export function isResourceServerError(error: unknown): error is ResourceServerError {
  return error instanceof ResourceServerError;
}
