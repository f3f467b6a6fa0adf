import { decodeProtectedHeader, type JWSHeaderParameters } from 'jose';
import { DpopVerifier } from './dpop/dpop-verifier';
import { InvalidTokenError } from './errors';
import { IntrospectionClient } from './introspection-client';
import { issuerEndpoints } from './issuer-endpoints';
import { LocalJwtVerifier } from './local-jwt-verifier';
import { type ResolvedVerifierOptions, resolveVerifierOptions, type TokenVerifierOptions } from './options';
import type { VerifiedToken } from './verified-token';

/** Longer tokens are refused before any parsing; real access tokens are far smaller. */
const MAX_TOKEN_LENGTH = 16 * 1024;
// Signature may be empty so that unsecured (`alg: none`) JWTs are recognised and refused as such.
const JWS_COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

/**
 * Validates access tokens issued by one authorization server, either locally (RFC 9068 JWTs checked
 * against the issuer's JWKS) or by asking the server (RFC 7662 introspection).
 *
 * Create one instance per issuer and reuse it: it caches metadata, keys and introspection answers.
 */
export class TokenVerifier {
  private readonly options: ResolvedVerifierOptions;
  private readonly localVerifier: LocalJwtVerifier;
  private readonly introspectionClient: IntrospectionClient | undefined;
  /** Checks the DPoP proofs that come with DPoP tokens (RFC 9449 §7.1). */
  readonly dpop: DpopVerifier;

  constructor(options: TokenVerifierOptions) {
    this.options = resolveVerifierOptions(options);
    const resolved = this.options;
    const endpoints = issuerEndpoints(resolved);
    this.localVerifier = new LocalJwtVerifier({
      issuer: resolved.issuer,
      audiences: resolved.audiences,
      algorithms: resolved.algorithms,
      clockToleranceSeconds: resolved.clockToleranceSeconds,
      jwks: endpoints.jwks,
      now: resolved.now,
    });
    this.dpop = new DpopVerifier(resolved);
    this.introspectionClient =
      resolved.introspection === undefined
        ? undefined
        : new IntrospectionClient({
            resolveEndpoint: () => endpoints.resolve('introspectionEndpoint'),
            credentials: resolved.introspection,
            issuer: resolved.issuer,
            audiences: resolved.audiences,
            clockToleranceSeconds: resolved.clockToleranceSeconds,
            cacheMaxSeconds: resolved.introspectionCacheMaxSeconds,
            fetch: resolved.fetch,
            httpTimeoutMs: resolved.httpTimeoutMs,
            now: resolved.now,
          });
  }

  get issuer(): string {
    return this.options.issuer;
  }

  get audiences(): readonly string[] {
    return this.options.audiences;
  }

  /**
   * Resolves with the verified token, or rejects with InvalidTokenError (the token must be refused)
   * or VerifierUnavailableError (the authorization server could not be consulted).
   */
  async verify(token: string): Promise<VerifiedToken> {
    if (typeof token !== 'string' || token === '' || token.length > MAX_TOKEN_LENGTH) {
      throw new InvalidTokenError('The access token is malformed');
    }
    const header = jwsHeaderOf(token);
    const { mode } = this.options;

    if (mode === 'introspection') return this.introspect(token);
    if (header !== undefined) return this.localVerifier.verify(token, header);
    if (mode === 'auto' && this.introspectionClient !== undefined) return this.introspect(token);
    throw new InvalidTokenError('The access token is malformed');
  }

  private async introspect(token: string): Promise<VerifiedToken> {
    if (this.introspectionClient === undefined) {
      throw new InvalidTokenError('The access token cannot be verified');
    }
    return this.introspectionClient.introspect(token);
  }
}

/** The protected header when the token is a compact JWS (RFC 7515 §7.1), otherwise undefined. */
function jwsHeaderOf(token: string): JWSHeaderParameters | undefined {
  if (!JWS_COMPACT.test(token)) return undefined;
  try {
    const header = decodeProtectedHeader(token);
    return typeof header.alg === 'string' ? (header as JWSHeaderParameters) : undefined;
  } catch {
    return undefined;
  }
}
