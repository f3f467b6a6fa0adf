import fc from 'fast-check';
import { basicAuth } from '../support/http';
import { useTestServer } from '../support/server-fixture';

/**
 * Property-based fuzzing of every public endpoint with malformed requests (RFC 9700 §4 hardening):
 * never a 5xx, never internals in a body, never a redirect to an unregistered URI, errors always shaped.
 * The seed is printed so a failure can be replayed with FUZZ_SEED.
 */
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const REGISTERED_REDIRECT = 'https://app.example.com/callback';

const ENDPOINTS = [
  '/oauth2/token',
  '/oauth2/introspect',
  '/oauth2/revoke',
  '/oauth2/authorize',
  '/oauth2/authorize/resume',
  '/oauth2/consent',
  '/oauth2/userinfo',
  '/oauth2/logout',
  '/oauth2/logout/confirm',
  '/oauth2/device_authorization',
  '/oauth2/jwks',
  '/login',
  '/device',
  '/.well-known/openid-configuration',
  '/admin/v1/clients',
  '/admin/v1/users',
  '/admin/v1/apis',
];

const PARAM_NAMES = [
  'grant_type', 'client_id', 'client_secret', 'code', 'code_verifier', 'code_challenge', 'code_challenge_method',
  'redirect_uri', 'response_type', 'scope', 'state', 'nonce', 'prompt', 'max_age', 'refresh_token', 'token',
  'token_type_hint', 'device_code', 'user_code', 'resource', 'username', 'password', 'csrf', '_csrf', 'decision',
  'request', 'id_token_hint', 'post_logout_redirect_uri', 'return_to', 'code[]', '__proto__', 'constructor',
];

const KNOWN_ERRORS = new Set([
  'invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope',
  'invalid_target', 'unsupported_token_type', 'unsupported_response_type', 'access_denied', 'authorization_pending',
  'slow_down', 'expired_token', 'invalid_token', 'insufficient_scope', 'login_required', 'consent_required',
  'interaction_required', 'invalid_client_metadata', 'invalid_redirect_uri', 'not_found', 'conflict', 'too_many_requests',
  'temporarily_unavailable',
]);

const INTERNALS = /(\n\s+at\s|node_modules|QueryFailedError|TypeError|ReferenceError|SyntaxError: |EntityNotFound|typeorm|\/work\/)/;

const value = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', ' ', 'null', 'undefined', '%00', '\u0000', '../../etc/passwd', REGISTERED_REDIRECT, 'https://evil.example/cb', 'S256', 'plain', 'code', 'openid', 'client_credentials', 'authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code', 'Basic', 'none', '-1', '99999999999999999999', 'ÿ', '😀'),
  fc.string({ minLength: 300, maxLength: 3000 }),
);

const params = fc.array(fc.tuple(fc.constantFrom(...PARAM_NAMES), value), { maxLength: 8 });

const requestShape = fc.record({
  path: fc.constantFrom(...ENDPOINTS),
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
  params,
  bodyKind: fc.constantFrom('form', 'json', 'json-garbage', 'text', 'none', 'multipart-ish', 'json-array', 'json-nested'),
  authorization: fc.option(fc.oneof(
    fc.constant('Basic'),
    fc.constant('Basic !!!'),
    fc.constant(`Basic ${Buffer.from('a:b:c').toString('base64')}`),
    fc.constant(`Basic ${Buffer.from('%ZZ:x').toString('base64')}`),
    fc.constant('Bearer'),
    fc.constant('Bearer a.b.c'),
    fc.constant('Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'),
    fc.string({ maxLength: 60 }),
  ), { nil: undefined }),
  cookie: fc.option(fc.oneof(fc.constant('sid=abc'), fc.string({ maxLength: 80 })), { nil: undefined }),
});

type Shape = typeof requestShape extends fc.Arbitrary<infer T> ? T : never;

function build(shape: Shape, baseUrl: string): { url: string; init: RequestInit } {
  const search = new URLSearchParams();
  for (const [name, v] of shape.params) search.append(name, v);
  const headers: Record<string, string> = {};
  if (shape.authorization !== undefined) headers.authorization = shape.authorization.replace(/[\r\n]/g, '');
  if (shape.cookie !== undefined) headers.cookie = shape.cookie.replace(/[\r\n;]/g, '');
  let url = `${baseUrl}${shape.path}`;
  let body: string | undefined;
  if (shape.method === 'GET' || shape.bodyKind === 'none') {
    if (shape.params.length) url += `?${search.toString()}`;
  } else {
    switch (shape.bodyKind) {
      case 'form': headers['content-type'] = 'application/x-www-form-urlencoded'; body = search.toString(); break;
      case 'json': headers['content-type'] = 'application/json'; body = JSON.stringify(Object.fromEntries(shape.params)); break;
      case 'json-garbage': headers['content-type'] = 'application/json'; body = `{${search.toString()}`; break;
      case 'json-array': headers['content-type'] = 'application/json'; body = JSON.stringify(shape.params); break;
      case 'json-nested': headers['content-type'] = 'application/json'; body = JSON.stringify({ a: { b: { c: Object.fromEntries(shape.params) } }, redirect_uris: [{}], scopes: 'x' }); break;
      case 'text': headers['content-type'] = 'text/plain'; body = search.toString(); break;
      case 'multipart-ish': headers['content-type'] = 'multipart/form-data; boundary=x'; body = `--x\r\n${search.toString()}\r\n--x--`; break;
    }
  }
  return { url, init: { method: shape.method, headers, body, redirect: 'manual' } };
}

function isSafeLocation(location: string, baseUrl: string, issuer: string): boolean {
  if (location.startsWith('/') && !location.startsWith('//')) return true;
  if (location.startsWith(baseUrl) || location.startsWith(issuer)) return true;
  return location.split('?')[0] === REGISTERED_REDIRECT;
}

describe('fuzzing every public endpoint (fast-check)', () => {
  const ctx = useTestServer();
  let adminToken: string;
  let client: { client_id: string; client_secret?: string };

  beforeAll(async () => {
    adminToken = ctx.admin.token;
    client = await ctx.admin.registerClient({ client_name: 'fuzz', redirect_uris: [REGISTERED_REDIRECT], grant_types: ['authorization_code', 'refresh_token', 'client_credentials'], scope: 'openid profile' });
    // eslint-disable-next-line no-console
    console.log(`fuzz seed ${SEED}, ${RUNS} runs per property`);
  });

  it('never answers 5xx, never leaks internals, never redirects to an unregistered URI', async () => {
    await fc.assert(
      fc.asyncProperty(requestShape, fc.boolean(), fc.boolean(), async (shape, withClient, withAdmin) => {
        if (withClient) shape.params.push(['client_id', client.client_id]);
        const { url, init } = build(shape, ctx.server.baseUrl);
        if (withAdmin && shape.path.startsWith('/admin')) (init.headers as Record<string, string>).authorization = `Bearer ${adminToken}`;
        if (withClient && shape.path.startsWith('/oauth2/') && !shape.authorization) {
          (init.headers as Record<string, string>).authorization = basicAuth(client.client_id, client.client_secret!);
        }
        const response = await fetch(url, init);
        const text = await response.text();
        const context = `${init.method} ${url.slice(0, 200)} -> ${response.status} ${text.slice(0, 300)}`;
        if (response.status >= 500) throw new Error(`5xx: ${context}`);
        if (INTERNALS.test(text)) throw new Error(`internal detail: ${context}`);
        const location = response.headers.get('location');
        if (location && !isSafeLocation(location, ctx.server.baseUrl, ctx.server.config.issuer)) throw new Error(`redirect to ${location}: ${context}`);
        const type = response.headers.get('content-type') ?? '';
        if (response.status >= 400 && type.startsWith('application/json')) {
          const body = JSON.parse(text) as { error?: unknown };
          if (typeof body.error !== 'string' || !KNOWN_ERRORS.has(body.error)) throw new Error(`unshaped error: ${context}`);
        }
      }),
      { seed: SEED, numRuns: RUNS * ENDPOINTS.length, endOnFailure: true },
    );
  }, 300_000);
});
