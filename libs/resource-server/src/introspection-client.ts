import { InvalidTokenError, VerifierUnavailableError } from './errors';
import { type FetchLike, isJsonObject, requestJson } from './http-client';
import { IntrospectionCache } from './introspection-cache';
import type { IntrospectionCredentials } from './options';
import { type AccessTokenClaims, authenticationOf, parseScopes, type VerifiedToken } from './verified-token';

export interface IntrospectionClientOptions {
  resolveEndpoint: () => Promise<string>;
  credentials: IntrospectionCredentials;
  issuer: string;
  audiences: readonly string[];
  clockToleranceSeconds: number;
  cacheMaxSeconds: number;
  fetch: FetchLike;
  httpTimeoutMs: number;
  now: () => number;
}

/** token_type values that mean "this is not an access token" (RFC 7662 §2.2, RFC 8693 §3). */
const NON_ACCESS_TOKEN_TYPES: ReadonlySet<string> = new Set([
  'refresh_token',
  'urn:ietf:params:oauth:token-type:refresh_token',
  'urn:ietf:params:oauth:token-type:id_token',
]);

/**
 * Asks the authorization server whether a token is active (RFC 7662). Active answers are cached no
 * longer than the token lives nor than `cacheMaxSeconds`, so a revocation takes effect within that
 * bound. Errors and inactive answers are never cached.
 */
export class IntrospectionClient {
  private readonly cache: IntrospectionCache<VerifiedToken>;
  private readonly inFlight = new Map<string, Promise<VerifiedToken>>();

  constructor(private readonly options: IntrospectionClientOptions) {
    this.cache = new IntrospectionCache(options.now);
  }

  async introspect(token: string): Promise<VerifiedToken> {
    const cached = this.cache.get(token);
    if (cached !== undefined) return cached;
    let pending = this.inFlight.get(token);
    if (pending === undefined) {
      pending = this.request(token).finally(() => this.inFlight.delete(token));
      this.inFlight.set(token, pending);
    }
    return pending;
  }

  private async request(token: string): Promise<VerifiedToken> {
    const endpoint = await this.options.resolveEndpoint();
    const { status, body } = await requestJson(
      this.options.fetch,
      endpoint,
      {
        method: 'POST',
        headers: {
          authorization: basicAuthorization(this.options.credentials),
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        // RFC 7662 §2.1: the token and an optional hint, form-encoded.
        body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
      },
      this.options.httpTimeoutMs,
    );
    if (status !== 200 || !isJsonObject(body)) {
      throw new VerifierUnavailableError(`Introspection endpoint answered ${status}`);
    }
    const verified = this.validate(body, token);
    this.cache.set(token, verified, this.cacheUntil(verified.claims));
    return verified;
  }

  private validate(answer: Record<string, unknown>, token: string): VerifiedToken {
    // RFC 7662 §2.2: anything but a literal `active: true` means the token must not be accepted.
    if (answer['active'] !== true) {
      throw new InvalidTokenError('The access token is not active');
    }
    const { active: _active, ...claims } = answer as AccessTokenClaims & { active: true };
    const nowSeconds = this.options.now() / 1000;
    const tolerance = this.options.clockToleranceSeconds;

    if (claims.iss !== undefined && claims.iss !== this.options.issuer) {
      throw new InvalidTokenError('The access token was issued by an unexpected issuer');
    }
    if (claims.aud !== undefined && !audienceMatches(claims.aud, this.options.audiences)) {
      throw new InvalidTokenError('The access token is not intended for this resource');
    }
    // The server said "active", but a stale or clock-skewed answer must not outlive the token.
    if (claims.exp !== undefined && (typeof claims.exp !== 'number' || claims.exp + tolerance <= nowSeconds)) {
      throw new InvalidTokenError('The access token expired');
    }
    if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf - tolerance > nowSeconds)) {
      throw new InvalidTokenError('The access token is not yet valid');
    }
    if (typeof claims['token_type'] === 'string' && NON_ACCESS_TOKEN_TYPES.has(claims['token_type'].toLowerCase())) {
      throw new InvalidTokenError('The token is not an access token');
    }
    for (const name of ['scope', 'sub', 'client_id'] as const) {
      if (claims[name] !== undefined && typeof claims[name] !== 'string') {
        throw new InvalidTokenError('The introspection answer is malformed', { message: `${name} is not a string` });
      }
    }
    return {
      claims,
      scopes: parseScopes(claims.scope),
      subject: claims.sub,
      clientId: claims.client_id,
      ...authenticationOf(claims),
      token,
      source: 'introspection',
    };
  }

  private cacheUntil(claims: AccessTokenClaims): number {
    const maxUntil = this.options.now() + this.options.cacheMaxSeconds * 1000;
    return typeof claims.exp === 'number' ? Math.min(claims.exp * 1000, maxUntil) : maxUntil;
  }
}

/** RFC 6749 §2.3.1: client_id and secret are form-urlencoded before being joined for HTTP Basic. */
export function basicAuthorization({ clientId, clientSecret }: IntrospectionCredentials): string {
  const encoded = `${formUrlEncode(clientId)}:${formUrlEncode(clientSecret)}`;
  return `Basic ${Buffer.from(encoded, 'utf8').toString('base64')}`;
}

function formUrlEncode(value: string): string {
  // URLSearchParams implements the application/x-www-form-urlencoded serializer (space becomes "+").
  return new URLSearchParams([['', value]]).toString().slice(1);
}

function audienceMatches(aud: unknown, audiences: readonly string[]): boolean {
  const values = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
  return values.some((value) => typeof value === 'string' && audiences.includes(value));
}
