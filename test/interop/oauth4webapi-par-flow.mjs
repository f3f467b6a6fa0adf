// RFC 9126 with the certified oauth4webapi library: push the authorization request, send the browser with
// only client_id and request_uri, redeem the code; then push one with request_uri in it, which the server
// must refuse. Prints what it saw as JSON. A separate ES module process: oauth4webapi ships only as ESM.
import * as oauth from 'oauth4webapi';
import { signIn } from './browser.mjs';

const { ISSUER, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, USERNAME, PASSWORD } = process.env;
const insecure = { [oauth.allowInsecureRequests]: true };
const issuer = new URL(ISSUER);
const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...insecure, algorithm: 'oidc' }));
const client = { client_id: CLIENT_ID };
const clientAuth = oauth.ClientSecretBasic(CLIENT_SECRET);

const verifier = oauth.generateRandomCodeVerifier();
const state = oauth.generateRandomState();
const pushed = await oauth.processPushedAuthorizationResponse(as, client, await oauth.pushedAuthorizationRequest(as, client, clientAuth, {
  response_type: 'code',
  redirect_uri: REDIRECT_URI,
  scope: 'openid profile',
  state,
  nonce: 'n-par',
  code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
  code_challenge_method: 'S256',
}, insecure));

const authorizationUrl = new URL(as.authorization_endpoint);
authorizationUrl.searchParams.set('client_id', CLIENT_ID);
authorizationUrl.searchParams.set('request_uri', pushed.request_uri);
const callback = await signIn(authorizationUrl, ISSUER, USERNAME, PASSWORD);
const params = oauth.validateAuthResponse(as, client, callback, state);
const tokens = await oauth.processAuthorizationCodeResponse(as, client,
  await oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, REDIRECT_URI, verifier, insecure), { expectedNonce: 'n-par' });

let refusal;
try {
  await oauth.processPushedAuthorizationResponse(as, client, await oauth.pushedAuthorizationRequest(as, client, clientAuth, {
    response_type: 'code', redirect_uri: REDIRECT_URI, request_uri: pushed.request_uri,
  }, insecure));
} catch (error) {
  refusal = { name: error.constructor.name, error: error.error, status: error.status };
}

process.stdout.write(JSON.stringify({
  parEndpoint: as.pushed_authorization_request_endpoint,
  requestUri: pushed.request_uri,
  expiresIn: pushed.expires_in,
  sub: oauth.getValidatedIdTokenClaims(tokens)?.sub,
  scope: tokens.scope,
  refusal,
}));
