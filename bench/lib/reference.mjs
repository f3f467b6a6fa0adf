// Prepares the oidc-provider reference: endpoints from discovery, tokens, and one SSO session created
// through its interaction API (login + consent completed by the reference server for the bench person).
import { createHash, randomBytes } from 'node:crypto';
import { basic, CookieJar, expectStatus, request } from './http.mjs';
import { refreshPool } from './ours.mjs';

// Kept in step with bench/reference/oidc-provider-server.mjs.
const SERVICE = { id: 'bench-service', secret: 'bench-service-secret-0123456789abcdef' };
const WEB = { id: 'bench-web', secret: 'bench-web-secret-0123456789abcdef', redirectUri: 'https://app.example.com/callback' };
const INTROSPECTOR = { id: 'bench-rs', secret: 'bench-rs-secret-0123456789abcdef' };
const SCOPE = 'openid bench:read';

const path = (url) => new URL(url).pathname;

async function clientCredentials(base, tokenPath, resource) {
  const result = await request(base, tokenPath, {
    method: 'POST',
    form: { grant_type: 'client_credentials', scope: 'bench:read', resource },
    headers: { authorization: basic(SERVICE.id, SERVICE.secret) },
  });
  await expectStatus(`client_credentials for ${resource}`, result, 200);
  return result.body.access_token;
}

/** Follows the authorization request through the self-completing interactions until the code redirect. */
async function signIn(base, authorizePath) {
  const jar = new CookieJar();
  const verifier = randomBytes(32).toString('base64url');
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: WEB.id,
    redirect_uri: WEB.redirectUri,
    scope: SCOPE,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  let location = `${authorizePath}?${query}`;
  for (let hop = 0; hop < 12; hop++) {
    const result = await request(base, location, { jar });
    if (![302, 303].includes(result.status)) throw new Error(`oidc-provider sign-in: HTTP ${result.status} at ${location}: ${result.text.slice(0, 400)}`);
    if (result.location.startsWith(WEB.redirectUri)) {
      if (!new URL(result.location).searchParams.get('code')) throw new Error(`oidc-provider sign-in ended with ${result.location}`);
      return jar.header();
    }
    location = result.location;
  }
  throw new Error('oidc-provider sign-in: too many redirects');
}

export async function prepareReference(base, { refreshTokens = 256 } = {}) {
  const discovery = (await expectStatus('discovery', await request(base, '/.well-known/openid-configuration'), 200)).body;
  const tokenPath = path(discovery.token_endpoint);
  const jwt = await clientCredentials(base, tokenPath, 'urn:bench:api');
  const opaque = await clientCredentials(base, tokenPath, 'urn:bench:opaque');
  if (jwt.split('.').length !== 3) throw new Error('oidc-provider: expected a JWT access token');
  const cookie = await signIn(base, path(discovery.authorization_endpoint));
  const introspector = { authorization: basic(INTROSPECTOR.id, INTROSPECTOR.secret) };
  const target = {
    base,
    tokenPath,
    jwksPath: path(discovery.jwks_uri),
    discoveryPath: '/.well-known/openid-configuration',
    ccJwt: { headers: { authorization: basic(SERVICE.id, SERVICE.secret) }, body: 'grant_type=client_credentials&scope=bench%3Aread&resource=urn%3Abench%3Aapi' },
    ccRs256Body: 'grant_type=client_credentials&scope=bench%3Aread&resource=urn%3Abench%3Aapi-rs256',
    // oidc-provider refuses to introspect structured (JWT) access tokens; only the opaque one applies.
    introspectOpaque: { path: path(discovery.introspection_endpoint), headers: introspector, body: `token=${encodeURIComponent(opaque)}` },
    code: {
      authorizePath: path(discovery.authorization_endpoint),
      tokenPath,
      clientId: WEB.id,
      clientAuth: basic(WEB.id, WEB.secret),
      redirectUri: WEB.redirectUri,
      scope: SCOPE,
      cookie,
    },
  };
  target.refresh = { tokenPath, clientAuth: target.code.clientAuth, pool: await refreshPool(target, refreshTokens) };
  return target;
}
