// Authenticates with private_key_jwt and client_secret_jwt and reads JWT introspection answers with the
// certified oauth4webapi library against a running server, printing what it saw as JSON. A separate ES module
// process because oauth4webapi ships only as ESM.
import * as oauth from 'oauth4webapi';

const { ISSUER, KEY_CLIENT_ID, KEY_CLIENT_JWK, KEY_CLIENT_INTROSPECTION_ALG, SECRET_CLIENT_ID, SECRET_CLIENT_SECRET } = process.env;
const insecure = { [oauth.allowInsecureRequests]: true };

const issuer = new URL(ISSUER);
const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...insecure, algorithm: 'oidc' }));

const jwk = JSON.parse(KEY_CLIENT_JWK);
const privateKey = await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
const keyAuth = oauth.PrivateKeyJwt({ key: privateKey, kid: jwk.kid });
const keyClient = { client_id: KEY_CLIENT_ID, introspection_signed_response_alg: KEY_CLIENT_INTROSPECTION_ALG || undefined };

async function tokenFor(client, auth) {
  const response = await oauth.clientCredentialsGrantRequest(as, client, auth, new URLSearchParams({ scope: 'reports:read' }), insecure);
  return oauth.processClientCredentialsResponse(as, client, response);
}

/** RFC 9701: asks for the JWT answer, validates its claims, then its signature against the server's JWKS. */
async function introspectAsJwt(client, auth, token) {
  const response = await oauth.introspectionRequest(as, client, auth, token, { ...insecure, requestJwtResponse: true });
  const contentType = response.headers.get('content-type');
  const header = JSON.parse(Buffer.from((await response.clone().text()).split('.')[0], 'base64url').toString('utf8'));
  const claims = await oauth.processIntrospectionResponse(as, client, response);
  await oauth.validateApplicationLevelSignature(as, response, insecure);
  return { contentType, alg: header.alg, typ: header.typ, active: claims.active, client_id: claims.client_id };
}

const keyToken = await tokenFor(keyClient, keyAuth);
const introspected = await introspectAsJwt(keyClient, keyAuth, keyToken.access_token);
await oauth.processRevocationResponse(await oauth.revocationRequest(as, keyClient, keyAuth, keyToken.access_token, insecure));
const afterRevocation = await introspectAsJwt(keyClient, keyAuth, keyToken.access_token);

const secretClient = { client_id: SECRET_CLIENT_ID };
const secretToken = await tokenFor(secretClient, oauth.ClientSecretJwt(SECRET_CLIENT_SECRET));

console.log(JSON.stringify({
  introspectionAlgorithms: as.introspection_signing_alg_values_supported,
  keyToken: { type: keyToken.token_type, scope: keyToken.scope },
  introspected,
  afterRevocation,
  secretToken: { type: secretToken.token_type, scope: secretToken.scope },
}));
