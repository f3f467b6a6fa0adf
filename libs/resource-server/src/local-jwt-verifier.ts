import { type JWSHeaderParameters, jwtVerify } from 'jose';
import { InvalidTokenError, VerifierUnavailableError } from './errors';
import type { JwksCache } from './jwks-cache';
import type { AccessTokenAlgorithm } from './options';
import { type AccessTokenClaims, authenticationOf, parseScopes, type VerifiedToken } from './verified-token';

export interface LocalJwtVerifierOptions {
  issuer: string;
  audiences: readonly string[];
  algorithms: readonly AccessTokenAlgorithm[];
  clockToleranceSeconds: number;
  jwks: JwksCache;
  now: () => number;
}

// RFC 9068 §2.1: the media type is application/at+jwt; the "application/" prefix is usually omitted.
const ACCESS_TOKEN_TYPES: ReadonlySet<string> = new Set(['at+jwt', 'application/at+jwt']);
// RFC 9068 §2.2: claims every JWT access token carries.
const REQUIRED_CLAIMS = ['iss', 'exp', 'aud', 'sub', 'client_id', 'iat', 'jti'];

/** Verifies RFC 9068 JWT access tokens against the issuer's published keys. */
export class LocalJwtVerifier {
  constructor(private readonly options: LocalJwtVerifierOptions) {}

  async verify(token: string, header: JWSHeaderParameters): Promise<VerifiedToken> {
    // Cheap header checks first, so tokens that can never pass do not reach the key set.
    // RFC 8725 §3.1 / RFC 9068 §4: only the configured asymmetric algorithms; never none or HS*.
    if (typeof header.alg !== 'string' || !(this.options.algorithms as readonly string[]).includes(header.alg)) {
      throw new InvalidTokenError('The access token is signed with an algorithm that is not accepted');
    }
    // RFC 9068 §4: typ must be at+jwt, so ID tokens and other JWTs cannot be replayed as access tokens.
    if (typeof header.typ !== 'string' || !ACCESS_TOKEN_TYPES.has(header.typ.toLowerCase())) {
      throw new InvalidTokenError('The token is not a JWT access token');
    }

    let claims: AccessTokenClaims;
    try {
      const result = await jwtVerify<AccessTokenClaims>(token, this.options.jwks.getKey, {
        algorithms: [...this.options.algorithms],
        typ: 'at+jwt',
        // RFC 9068 §4: iss must match exactly and aud must name this resource server.
        issuer: this.options.issuer,
        audience: [...this.options.audiences],
        // RFC 9068 §4 / RFC 7519 §4.1.4-4.1.5: exp and nbf, with a bounded clock skew.
        clockTolerance: this.options.clockToleranceSeconds,
        currentDate: new Date(this.options.now()),
        requiredClaims: REQUIRED_CLAIMS,
      });
      claims = result.payload;
    } catch (error) {
      if (error instanceof VerifierUnavailableError) throw error;
      throw new InvalidTokenError(describeFailure(error), { cause: error, message: errorMessage(error) });
    }

    for (const name of ['sub', 'client_id', 'scope'] as const) {
      if (claims[name] !== undefined && typeof claims[name] !== 'string') {
        throw new InvalidTokenError('The access token is malformed', { message: `${name} claim is not a string` });
      }
    }
    return {
      claims,
      scopes: parseScopes(claims.scope),
      subject: claims.sub,
      clientId: claims.client_id,
      ...authenticationOf(claims),
      token,
      source: 'jwt',
    };
  }
}

/** Client-safe wording for jose's failures; the original error stays available as `cause`. */
function describeFailure(error: unknown): string {
  const { code, claim, reason } = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    claim?: unknown;
    reason?: unknown;
  };
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'The access token expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (reason === 'missing') return `The access token lacks the required ${String(claim)} claim`;
      if (claim === 'aud') return 'The access token is not intended for this resource';
      if (claim === 'iss') return 'The access token was issued by an unexpected issuer';
      if (claim === 'nbf') return 'The access token is not yet valid';
      if (claim === 'typ') return 'The token is not a JWT access token';
      return 'The access token claims are invalid';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'The access token is signed with an algorithm that is not accepted';
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return 'The access token is signed with an unknown key';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'The access token signature is invalid';
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return 'The access token is malformed';
    default:
      return 'The access token is invalid';
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
