// Prepares our server for the scenarios through its admin API and its sign-in page.
import { createHash, randomBytes } from 'node:crypto';
import { basic, CookieJar, expectStatus, request } from './http.mjs';

export const ADMIN = { clientId: 'bench-admin', clientSecret: 'bench-admin-secret-0123456789abcdef', username: 'bench-root', password: 'bench-root-password-1' };
export const REDIRECT_URI = 'https://app.example.com/callback';
const PASSWORD = 'correct horse battery staple';

export function ourEnv({ databaseUrl, port, extra = {} }) {
  return {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    ISSUER: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'warn',
    BOOTSTRAP_ADMIN_CLIENT_ID: ADMIN.clientId,
    BOOTSTRAP_ADMIN_CLIENT_SECRET: ADMIN.clientSecret,
    BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    ...extra,
  };
}

async function clientCredentials(base, id, secret, params = {}) {
  const result = await request(base, '/oauth2/token', {
    method: 'POST',
    form: { grant_type: 'client_credentials', ...params },
    headers: { authorization: basic(id, secret) },
  });
  await expectStatus('client_credentials', result, 200);
  return result.body;
}

async function inBatches(count, size, fn) {
  const out = [];
  for (let i = 0; i < count; i += size) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - i) }, (_, j) => fn(i + j)))));
  }
  return out;
}

const hidden = (html, name) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];

/** GET /login for a fresh browser: its CSRF cookie and the form token that goes with it. */
async function loginForm(base) {
  const jar = new CookieJar();
  const page = await expectStatus('GET /login', await request(base, '/login', { jar }), 200);
  return { jar, csrf: hidden(page.text, 'csrf_token') };
}

export async function prepareOurs(base, { people = 64, refreshTokens = 256 } = {}) {
  const admin = (await clientCredentials(base, ADMIN.clientId, ADMIN.clientSecret)).access_token;
  const auth = { authorization: `Bearer ${admin}` };
  const post = async (path, json) => (await expectStatus(`POST ${path}`, await request(base, path, { method: 'POST', json, headers: auth }), 200, 201)).body;

  const jwtApi = await post('/admin/v1/apis', { identifier: 'urn:bench:api', name: 'Bench JWT API', scopes: [{ name: 'bench:jwt', description: 'bench' }], access_token_format: 'jwt' });
  const opaqueApi = await post('/admin/v1/apis', { identifier: 'urn:bench:opaque', name: 'Bench opaque API', scopes: [{ name: 'bench:read', description: 'bench' }], access_token_format: 'opaque' });
  const service = await post('/admin/v1/clients', { client_name: 'bench service', grant_types: ['client_credentials'], token_endpoint_auth_method: 'client_secret_basic', scope: 'bench:jwt bench:read' });
  const web = await post('/admin/v1/clients', {
    client_name: 'bench web',
    redirect_uris: [REDIRECT_URI],
    grant_types: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_method: 'client_secret_basic',
    scope: 'openid offline_access',
    first_party: true,
    // The reference registers its client for ES256 ID tokens too (bench/reference).
    id_token_signed_response_alg: 'ES256',
  });
  const usernames = await inBatches(people, 4, async (i) => {
    const username = `bench-person-${i}`;
    await post('/admin/v1/users', { username, password: PASSWORD, email: `${username}@example.com`, name: `Bench Person ${i}`, roles: [] });
    return username;
  });

  const serviceAuth = basic(service.client_id, service.client_secret);
  const ccJwtBody = 'grant_type=client_credentials&scope=bench%3Ajwt&resource=urn%3Abench%3Aapi';
  const ccOpaqueBody = 'grant_type=client_credentials&scope=bench%3Aread&resource=urn%3Abench%3Aopaque';
  const jwt = await clientCredentials(base, service.client_id, service.client_secret, { scope: 'bench:jwt', resource: 'urn:bench:api' });
  const opaque = await clientCredentials(base, service.client_id, service.client_secret, { scope: 'bench:read', resource: 'urn:bench:opaque' });
  if (jwt.access_token.split('.').length !== 3) throw new Error('expected a JWT access token for urn:bench:api');
  if (opaque.access_token.split('.').length === 3) throw new Error('expected an opaque access token for urn:bench:opaque');

  // One signed-in browser: the SSO session the code flow reuses.
  const form = await loginForm(base);
  const signIn = await request(base, '/login', { method: 'POST', jar: form.jar, form: { csrf_token: form.csrf, username: usernames[0], password: PASSWORD } });
  await expectStatus('POST /login', signIn, 303);
  const sessionCookie = form.jar.header();

  // Login bodies for many people, each with its own browser (CSRF cookie and token).
  const loginPeople = await inBatches(usernames.length, 8, async (i) => {
    const { jar, csrf } = await loginForm(base);
    return { cookie: jar.header(), body: new URLSearchParams({ csrf_token: csrf, username: usernames[i], password: PASSWORD }).toString() };
  });

  const target = {
    base,
    tokenPath: '/oauth2/token',
    jwksPath: '/oauth2/jwks',
    discoveryPath: '/.well-known/openid-configuration',
    ccJwt: { headers: { authorization: serviceAuth }, body: ccJwtBody },
    ccOpaqueBody,
    introspectJwt: { path: '/oauth2/introspect', headers: { authorization: basic(jwtApi.client_id, jwtApi.client_secret) }, body: `token=${jwt.access_token}` },
    introspectOpaque: { path: '/oauth2/introspect', headers: { authorization: basic(opaqueApi.client_id, opaqueApi.client_secret) }, body: `token=${encodeURIComponent(opaque.access_token)}` },
    code: {
      authorizePath: '/oauth2/authorize',
      tokenPath: '/oauth2/token',
      clientId: web.client_id,
      clientAuth: basic(web.client_id, web.client_secret),
      redirectUri: REDIRECT_URI,
      scope: 'openid',
      cookie: sessionCookie,
    },
    login: { people: loginPeople },
    sdk: { issuer: base, audience: 'urn:bench:api', token: jwt.access_token },
    admin: auth,
  };
  target.refresh = { tokenPath: '/oauth2/token', clientAuth: target.code.clientAuth, pool: await refreshPool(target, refreshTokens) };
  return target;
}

/** Runs `count` code flows with the session to collect refresh tokens (works for either server). */
export async function refreshPool(target, count) {
  const { code } = target;
  return inBatches(count, 16, async () => {
    const verifier = randomBytes(32).toString('base64url');
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: code.clientId,
      redirect_uri: code.redirectUri,
      scope: code.refreshScope ?? code.scope,
      state: randomBytes(8).toString('base64url'),
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    const authorize = await request(target.base, `${code.authorizePath}?${query}`, { headers: { cookie: code.cookie } });
    await expectStatus('authorize', authorize, 302, 303);
    const issued = new URL(authorize.location, target.base).searchParams.get('code');
    if (!issued) throw new Error(`authorize: no code in ${authorize.location}`);
    const token = await request(target.base, code.tokenPath, {
      method: 'POST',
      headers: { authorization: code.clientAuth },
      form: { grant_type: 'authorization_code', code: issued, redirect_uri: code.redirectUri, code_verifier: verifier },
    });
    await expectStatus('code redemption', token, 200);
    if (!token.body.refresh_token) throw new Error('no refresh_token in the code response');
    return token.body.refresh_token;
  });
}

export async function rotateKey(target, alg) {
  const result = await request(target.base, '/admin/v1/keys/rotate', { method: 'POST', json: { alg }, headers: target.admin });
  await expectStatus(`rotate to ${alg}`, result, 200, 201);
}
