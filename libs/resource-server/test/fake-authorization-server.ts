import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, type JWTHeaderParameters, SignJWT } from 'jose';
import type { FetchLike, FetchRequestInit, FetchResponseLike } from '../src/http-client';
import { BACKCHANNEL_LOGOUT_EVENT } from '../src/logout/logout-token-verifier';
import type { TokenVerifierOptions } from '../src/options';
import { TokenVerifier } from '../src/verifier';

export const ISSUER = 'https://auth.example.test';
export const AUDIENCE = 'https://orders.example.test';
export const JWKS_PATH = '/jwks';
export const INTROSPECTION_PATH = '/oauth2/introspect';
export const OIDC_DISCOVERY_PATH = '/.well-known/openid-configuration';
export const RFC8414_DISCOVERY_PATH = '/.well-known/oauth-authorization-server';
/** The client receiving back-channel logouts: the `aud` of logout tokens. */
export const LOGOUT_CLIENT_ID = 'web-shop';
export const RESOURCE_CLIENT = { clientId: 'orders:api', clientSecret: 's3cret with+spaces&symbols%:' };

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

export interface SigningKey {
  kid: string;
  alg: string;
  privateKey: KeyPair['privateKey'];
  publicJwk: JWK;
}

export interface IssueOptions {
  claims?: Partial<JWTPayload> & Record<string, unknown>;
  /** Claims to drop from the defaults. */
  omit?: string[];
  header?: Partial<JWTHeaderParameters>;
  key?: SigningKey;
}

interface RecordedCall {
  path: string;
  init: FetchRequestInit;
}

/**
 * In-memory authorization server reached through an injected fetch: discovery, JWKS and
 * introspection, with call counting, injectable failures and a controllable clock.
 */
export class FakeAuthorizationServer {
  /** Current time in epoch milliseconds, used by the verifier and for default claims. */
  nowMs = Date.UTC(2030, 0, 1, 12, 0, 0);
  readonly calls: RecordedCall[] = [];
  /** Status to answer on a path instead of the normal response. */
  readonly failures = new Map<string, number>();
  /** Introspection answers by token; unknown tokens are inactive. */
  readonly introspectionAnswers = new Map<string, Record<string, unknown>>();
  /** Extra or overriding members of the discovery document. */
  metadataOverrides: Record<string, unknown> = {};
  /** Keys published in the JWKS; signing keys not listed here are unknown to verifiers. */
  published: SigningKey[] = [];

  private constructor(readonly issuer: string) {}

  static async create(issuer = ISSUER): Promise<FakeAuthorizationServer> {
    const server = new FakeAuthorizationServer(issuer);
    server.publish(await server.createKey('key-1'));
    return server;
  }

  get nowSeconds(): number {
    return Math.floor(this.nowMs / 1000);
  }

  advance(seconds: number): void {
    this.nowMs += seconds * 1000;
  }

  async createKey(kid: string, alg = 'ES256'): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
    return { kid, alg, privateKey, publicJwk };
  }

  publish(key: SigningKey): void {
    this.published = [...this.published.filter((existing) => existing.kid !== key.kid), key];
  }

  get signingKey(): SigningKey {
    const key = this.published[0];
    if (key === undefined) throw new Error('no published key');
    return key;
  }

  defaultClaims(): JWTPayload & Record<string, unknown> {
    return {
      iss: this.issuer,
      sub: 'user-42',
      aud: AUDIENCE,
      client_id: 'web-shop',
      scope: 'orders:read profile',
      jti: randomUUID(),
      iat: this.nowSeconds,
      exp: this.nowSeconds + 300,
    };
  }

  async issue(options: IssueOptions = {}): Promise<string> {
    const key = options.key ?? this.signingKey;
    const claims: Record<string, unknown> = { ...this.defaultClaims(), ...options.claims };
    for (const name of options.omit ?? []) delete claims[name];
    return new SignJWT(claims)
      .setProtectedHeader({ alg: key.alg, typ: 'at+jwt', kid: key.kid, ...options.header } as JWTHeaderParameters)
      .sign(key.privateKey);
  }

  /** A Back-Channel Logout 1.0 §2.4 logout token for LOGOUT_CLIENT_ID, shaped like our provider's. */
  async issueLogout(options: IssueOptions = {}): Promise<string> {
    return this.issue({
      ...options,
      claims: {
        aud: LOGOUT_CLIENT_ID,
        sid: 'session-7',
        events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
        exp: this.nowSeconds + 120,
        ...options.claims,
      },
      omit: ['client_id', 'scope', ...(options.omit ?? [])],
      header: { typ: 'logout+jwt', ...options.header },
    });
  }

  count(path: string): number {
    return this.calls.filter((call) => call.path === path).length;
  }

  verifier(overrides: Partial<TokenVerifierOptions> = {}): TokenVerifier {
    return new TokenVerifier({
      issuer: this.issuer,
      audience: AUDIENCE,
      fetch: this.fetch,
      now: () => this.nowMs,
      ...overrides,
    });
  }

  readonly fetch: FetchLike = async (url, init) => {
    const { origin, pathname } = new URL(url);
    const issuerUrl = new URL(this.issuer);
    const issuerPath = issuerUrl.pathname.replace(/\/$/, '');
    const path = pathname.startsWith(issuerPath) ? pathname.slice(issuerPath.length) : pathname;
    this.calls.push({ path, init });
    if (origin !== issuerUrl.origin) return respond(404, { error: 'not_found' });
    const failure = this.failures.get(path);
    if (failure !== undefined) return respond(failure, { error: 'server_error' });

    switch (path) {
      case OIDC_DISCOVERY_PATH:
      case RFC8414_DISCOVERY_PATH:
        return respond(200, this.metadata());
      case JWKS_PATH:
        return respond(200, { keys: this.published.map((key) => key.publicJwk) });
      case INTROSPECTION_PATH:
        return this.introspect(init);
      default:
        return respond(404, { error: 'not_found' });
    }
  };

  metadata(): Record<string, unknown> {
    return {
      issuer: this.issuer,
      jwks_uri: `${this.issuer}${JWKS_PATH}`,
      introspection_endpoint: `${this.issuer}${INTROSPECTION_PATH}`,
      ...this.metadataOverrides,
    };
  }

  private introspect(init: FetchRequestInit): FetchResponseLike {
    if (init.method !== 'POST' || !hasResourceClientCredentials(init.headers['authorization'])) {
      return respond(401, { error: 'invalid_client' });
    }
    const token = new URLSearchParams(init.body ?? '').get('token') ?? '';
    return respond(200, this.introspectionAnswers.get(token) ?? { active: false });
  }
}

/** Decodes HTTP Basic credentials the way RFC 6749 §2.3.1 prescribes: base64, split, then form-decode. */
function hasResourceClientCredentials(authorization: string | undefined): boolean {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(authorization ?? '');
  if (match?.[1] === undefined) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) return false;
  const formDecode = (value: string) => decodeURIComponent(value.replace(/\+/g, ' '));
  return (
    formDecode(decoded.slice(0, separator)) === RESOURCE_CLIENT.clientId &&
    formDecode(decoded.slice(separator + 1)) === RESOURCE_CLIENT.clientSecret
  );
}

function respond(status: number, body: unknown): FetchResponseLike {
  return { status, json: async () => structuredClone(body) };
}
