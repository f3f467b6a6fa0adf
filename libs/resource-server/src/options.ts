import type { FetchLike } from './http-client';

export type VerificationMode = 'jwt' | 'introspection' | 'auto';

/** Asymmetric JWS algorithms the verifier can be configured to accept. */
export type AccessTokenAlgorithm =
  | 'ES256'
  | 'ES384'
  | 'ES512'
  | 'RS256'
  | 'RS384'
  | 'RS512'
  | 'PS256'
  | 'PS384'
  | 'PS512'
  | 'EdDSA'
  | 'Ed25519';

export interface IntrospectionCredentials {
  clientId: string;
  clientSecret: string;
}

export interface TokenVerifierOptions {
  /** Issuer identifier of the authorization server, compared exactly with `iss`. */
  issuer: string;
  /** Audience(s) of this resource server; a token must name at least one of them. */
  audience: string | readonly string[];
  /**
   * `jwt`: verify JWT access tokens locally with the issuer's JWKS.
   * `introspection`: ask the introspection endpoint about every token.
   * `auto` (default): local verification for JWS-shaped tokens, introspection for the others
   * when credentials are configured.
   */
  mode?: VerificationMode;
  /** Accepted signing algorithms. Default: ES256, RS256, PS256, EdDSA. */
  algorithms?: readonly AccessTokenAlgorithm[];
  /** Allowed clock skew for exp/nbf, in seconds. Default 30, capped at 300. */
  clockToleranceSeconds?: number;
  /** Overrides the `jwks_uri` from discovery. */
  jwksUri?: string;
  /** Overrides the `introspection_endpoint` from discovery. */
  introspectionEndpoint?: string;
  /** Client credentials this resource server uses at the introspection endpoint. */
  introspection?: IntrospectionCredentials;
  /** Upper bound for caching an active introspection answer, in seconds. Default 60; 0 disables. */
  introspectionCacheMaxSeconds?: number;
  /** Minimum time between two JWKS refetches caused by unknown `kid`s, in seconds. Default 30. */
  jwksCooldownSeconds?: number;
  /** Age after which the JWKS is refreshed on the next request, in seconds. Default 600. */
  jwksMaxAgeSeconds?: number;
  /** Timeout for each call to the authorization server, in milliseconds. Default 5000. */
  httpTimeoutMs?: number;
  /** Permit plain-http URLs for non-loopback hosts. Default false; only for isolated networks. */
  allowInsecureHttp?: boolean;
  /** Fetch implementation; defaults to the global `fetch`. */
  fetch?: FetchLike;
  /** Clock in epoch milliseconds; defaults to `Date.now`. */
  now?: () => number;
  /** DPoP (RFC 9449) proofs presented with `Authorization: DPoP` tokens. */
  dpop?: DpopOptions;
}

export interface DpopOptions {
  /**
   * The public origin (and path prefix) clients call this API at, e.g. `https://api.example.com`: the `htu`
   * of a proof is compared with it plus the request path. Needed behind a proxy; by default the request's
   * own protocol and Host header.
   */
  publicBaseUrl?: string;
  /** How far a proof's `iat` may be from this server's clock, in seconds. Default 60. */
  proofWindowSeconds?: number;
  /** Proof jti values remembered to refuse replays. Default 10000; the oldest are forgotten first. */
  jtiCacheSize?: number;
}

export interface ResolvedVerifierOptions {
  issuer: string;
  audiences: string[];
  mode: VerificationMode;
  algorithms: AccessTokenAlgorithm[];
  clockToleranceSeconds: number;
  jwksUri: string | undefined;
  introspectionEndpoint: string | undefined;
  introspection: IntrospectionCredentials | undefined;
  introspectionCacheMaxSeconds: number;
  jwksCooldownSeconds: number;
  jwksMaxAgeSeconds: number;
  httpTimeoutMs: number;
  allowInsecureHttp: boolean;
  fetch: FetchLike;
  now: () => number;
  dpop: Required<Omit<DpopOptions, 'publicBaseUrl'>> & Pick<DpopOptions, 'publicBaseUrl'>;
}

export const DEFAULT_ALGORITHMS: readonly AccessTokenAlgorithm[] = ['ES256', 'RS256', 'PS256', 'EdDSA'];
const SUPPORTED_ALGORITHMS: ReadonlySet<string> = new Set<AccessTokenAlgorithm>([
  'ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA', 'Ed25519',
]);
const MAX_CLOCK_TOLERANCE_SECONDS = 300;
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Validates options once, at construction, so misconfiguration fails at startup rather than per request. */
export function resolveVerifierOptions(options: TokenVerifierOptions): ResolvedVerifierOptions {
  const allowInsecureHttp = options.allowInsecureHttp ?? false;
  if (typeof options.issuer !== 'string' || options.issuer === '') {
    throw new TypeError('TokenVerifier: `issuer` is required');
  }
  assertSafeUrl('issuer', options.issuer, allowInsecureHttp);

  const audiences = (typeof options.audience === 'string' ? [options.audience] : [...(options.audience ?? [])])
    .filter((audience) => typeof audience === 'string' && audience !== '');
  if (audiences.length === 0) {
    throw new TypeError('TokenVerifier: `audience` is required');
  }

  const algorithms = [...(options.algorithms ?? DEFAULT_ALGORITHMS)];
  if (algorithms.length === 0) {
    throw new TypeError('TokenVerifier: `algorithms` must not be empty');
  }
  for (const algorithm of algorithms as string[]) {
    // RFC 8725 §3.1-3.2: never accept `none`, and never a symmetric algorithm when keys come from a JWKS
    // (an HS* check with a public key as the secret is the classic confusion attack).
    if (!SUPPORTED_ALGORITHMS.has(algorithm)) {
      throw new TypeError(`TokenVerifier: algorithm "${algorithm}" is not allowed; use asymmetric algorithms only`);
    }
  }

  const mode = options.mode ?? 'auto';
  if (!['jwt', 'introspection', 'auto'].includes(mode)) {
    throw new TypeError(`TokenVerifier: unknown mode "${String(mode)}"`);
  }
  const introspection = options.introspection;
  if (introspection !== undefined && (!introspection.clientId || typeof introspection.clientSecret !== 'string')) {
    throw new TypeError('TokenVerifier: `introspection` needs `clientId` and `clientSecret`');
  }
  if (mode === 'introspection' && introspection === undefined) {
    throw new TypeError('TokenVerifier: mode "introspection" needs `introspection` credentials');
  }
  if (options.jwksUri !== undefined) assertSafeUrl('jwksUri', options.jwksUri, allowInsecureHttp);
  if (options.introspectionEndpoint !== undefined) {
    assertSafeUrl('introspectionEndpoint', options.introspectionEndpoint, allowInsecureHttp);
  }

  const fetchFn = options.fetch ?? (globalThis.fetch as FetchLike | undefined);
  if (typeof fetchFn !== 'function') {
    throw new TypeError('TokenVerifier: no global fetch available; pass the `fetch` option');
  }

  return {
    issuer: options.issuer,
    audiences,
    mode,
    algorithms,
    clockToleranceSeconds: Math.min(
      nonNegative('clockToleranceSeconds', options.clockToleranceSeconds, 30),
      MAX_CLOCK_TOLERANCE_SECONDS,
    ),
    jwksUri: options.jwksUri,
    introspectionEndpoint: options.introspectionEndpoint,
    introspection: introspection === undefined ? undefined : { ...introspection },
    introspectionCacheMaxSeconds: nonNegative('introspectionCacheMaxSeconds', options.introspectionCacheMaxSeconds, 60),
    jwksCooldownSeconds: nonNegative('jwksCooldownSeconds', options.jwksCooldownSeconds, 30),
    jwksMaxAgeSeconds: nonNegative('jwksMaxAgeSeconds', options.jwksMaxAgeSeconds, 600),
    httpTimeoutMs: positive('httpTimeoutMs', options.httpTimeoutMs, 5000),
    allowInsecureHttp,
    fetch: fetchFn,
    now: options.now ?? Date.now,
    dpop: resolveDpopOptions(options.dpop ?? {}),
  };
}

function resolveDpopOptions(options: DpopOptions): ResolvedVerifierOptions['dpop'] {
  if (options.publicBaseUrl !== undefined) {
    try {
      new URL(options.publicBaseUrl);
    } catch {
      throw new TypeError('TokenVerifier: `dpop.publicBaseUrl` must be an absolute URL');
    }
  }
  return {
    publicBaseUrl: options.publicBaseUrl?.replace(/\/+$/, ''),
    proofWindowSeconds: positive('dpop.proofWindowSeconds', options.proofWindowSeconds, 60),
    jtiCacheSize: positive('dpop.jtiCacheSize', options.jtiCacheSize, 10_000),
  };
}

/** Rejects non-URLs and plain http to anything but loopback, since tokens and secrets travel over it. */
export function assertSafeUrl(name: string, value: string, allowInsecureHttp: boolean): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`TokenVerifier: \`${name}\` must be an absolute URL`);
  }
  const secure = url.protocol === 'https:';
  const insecureButAllowed = url.protocol === 'http:' && (allowInsecureHttp || LOOPBACK_HOSTS.has(url.hostname));
  if (!secure && !insecureButAllowed) {
    throw new TypeError(`TokenVerifier: \`${name}\` must use https`);
  }
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new TypeError(`TokenVerifier: \`${name}\` must be a non-negative number`);
  }
  return value;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new TypeError(`TokenVerifier: \`${name}\` must be a positive number`);
  }
  return value;
}
