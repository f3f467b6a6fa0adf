// Drives a full sign-in with the certified openid-client library against a running server and prints what
// it saw as JSON. Run as a separate ES module process because openid-client 6 ships only as ESM.
import * as oidc from 'openid-client';
import { createBrowser } from './browser.mjs';

const { ISSUER, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, POST_LOGOUT_URI, USERNAME, PASSWORD } = process.env;
const { browse, follow, submitLogin } = createBrowser(ISSUER);

const insecure = { execute: [oidc.allowInsecureRequests] };
const config = await oidc.discovery(new URL(ISSUER), CLIENT_ID, undefined, oidc.ClientSecretBasic(CLIENT_SECRET), insecure);

const verifier = oidc.randomPKCECodeVerifier();
const state = oidc.randomState();
const nonce = oidc.randomNonce();
const authorizationUrl = oidc.buildAuthorizationUrl(config, {
  redirect_uri: REDIRECT_URI,
  scope: 'openid profile email offline_access',
  code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
  code_challenge_method: 'S256',
  state,
  nonce,
});

let page = await follow(await browse(authorizationUrl));
if (!(page instanceof URL)) page = await submitLogin(page, USERNAME, PASSWORD);
if (!(page instanceof URL)) throw new Error(`expected the callback, got ${page.status}: ${page.text.slice(0, 300)}`);

const tokens = await oidc.authorizationCodeGrant(config, page, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
const claims = tokens.claims();
const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token);
const endSession = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token, post_logout_redirect_uri: POST_LOGOUT_URI, state: 'bye' });
const logout = await browse(endSession);

process.stdout.write(JSON.stringify({
  issuer: config.serverMetadata().issuer,
  callbackHasIss: page.searchParams.get('iss') === ISSUER,
  scope: tokens.scope,
  hasRefreshToken: typeof tokens.refresh_token === 'string',
  claims,
  userinfo,
  refreshed: { hasAccessToken: typeof refreshed.access_token === 'string', rotated: refreshed.refresh_token !== tokens.refresh_token, sub: refreshed.claims()?.sub },
  endSessionUrl: endSession.href,
  logout: { status: logout.status, location: logout.location },
}));
