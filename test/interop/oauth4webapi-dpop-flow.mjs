// DPoP (RFC 9449) with the certified oauth4webapi library against a running server: authorization code +
// PKCE bound with dpop_jkt for a public client, userinfo and refresh with the same key, client_credentials
// for a confidential one, each retried once on use_dpop_nonce as the library expects. Prints JSON.
import * as oauth from 'oauth4webapi';
import { signIn } from './browser.mjs';

const { ISSUER, PUBLIC_CLIENT_ID, SERVICE_ID, SERVICE_SECRET, REDIRECT_URI, USERNAME, PASSWORD } = process.env;
const insecure = { [oauth.allowInsecureRequests]: true };

/** RFC 9449 §8: the first answer may ask for a nonce; the handle has kept it, so one retry succeeds. */
async function withNonceRetry(send, process) {
  try {
    return await process(await send());
  } catch (error) {
    if (!oauth.isDPoPNonceError(error)) throw error;
    return process(await send());
  }
}

const issuer = new URL(ISSUER);
const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...insecure, algorithm: 'oidc' }));
const client = { client_id: PUBLIC_CLIENT_ID };
const keyPair = await oauth.generateKeyPair('ES256');
const DPoP = oauth.DPoP(client, keyPair);

const verifier = oauth.generateRandomCodeVerifier();
const state = oauth.generateRandomState();
const nonce = oauth.generateRandomNonce();
const authorizationUrl = new URL(as.authorization_endpoint);
for (const [name, value] of Object.entries({
  client_id: client.client_id,
  redirect_uri: REDIRECT_URI,
  response_type: 'code',
  scope: 'openid profile offline_access',
  code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
  code_challenge_method: 'S256',
  state,
  nonce,
  dpop_jkt: await DPoP.calculateThumbprint(),
})) authorizationUrl.searchParams.set(name, value);

const callback = await signIn(authorizationUrl, ISSUER, USERNAME, PASSWORD);
const params = oauth.validateAuthResponse(as, client, callback, state);
const tokens = await withNonceRetry(
  () => oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, REDIRECT_URI, verifier, { ...insecure, DPoP }),
  (response) => oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: nonce, requireIdToken: true }),
);
const sub = oauth.getValidatedIdTokenClaims(tokens).sub;
const userinfo = await withNonceRetry(
  () => oauth.userInfoRequest(as, client, tokens.access_token, { ...insecure, DPoP }),
  (response) => oauth.processUserInfoResponse(as, client, sub, response),
);
const refreshed = await withNonceRetry(
  () => oauth.refreshTokenGrantRequest(as, client, oauth.None(), tokens.refresh_token, { ...insecure, DPoP }),
  (response) => oauth.processRefreshTokenResponse(as, client, response),
);

const service = { client_id: SERVICE_ID };
const serviceDPoP = oauth.DPoP(service, await oauth.generateKeyPair('ES256'));
const serviceTokens = await withNonceRetry(
  () => oauth.clientCredentialsGrantRequest(as, service, oauth.ClientSecretBasic(SERVICE_SECRET), new URLSearchParams(), { ...insecure, DPoP: serviceDPoP }),
  (response) => oauth.processClientCredentialsResponse(as, service, response),
);

process.stdout.write(JSON.stringify({
  dpopAlgs: as.dpop_signing_alg_values_supported,
  tokenType: tokens.token_type,
  sub,
  userinfo,
  refreshed: { tokenType: refreshed.token_type, rotated: refreshed.refresh_token !== tokens.refresh_token },
  service: { tokenType: serviceTokens.token_type },
}));
