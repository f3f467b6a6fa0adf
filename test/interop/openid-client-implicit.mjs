// Implicit sign-in (response_type=id_token) with the certified openid-client library, in the fragment and
// as a form post, against a running server; prints what it saw as JSON. A separate ES module process
// because openid-client 6 ships only as ESM.
import * as oidc from 'openid-client';
import { createBrowser, unescapeHtml } from './browser.mjs';

const { ISSUER, CLIENT_ID, REDIRECT_URI, USERNAME, PASSWORD } = process.env;
const { browse, follow, submitLogin } = createBrowser(ISSUER);

const config = await oidc.discovery(new URL(ISSUER), CLIENT_ID, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
oidc.useIdTokenResponseType(config);

async function signIn(responseMode) {
  const nonce = oidc.randomNonce();
  const state = oidc.randomState();
  const params = { redirect_uri: REDIRECT_URI, response_type: 'id_token', scope: 'openid email', nonce, state };
  if (responseMode) params.response_mode = responseMode;
  let page = await follow(await browse(oidc.buildAuthorizationUrl(config, params)));
  if (page.text?.includes('action="/login"')) page = await submitLogin(page, USERNAME, PASSWORD);
  let response = page;
  if (!(page instanceof URL)) {
    // form_post: the page's form, as the browser would post it to the redirect URI.
    const action = unescapeHtml(/<form method="post" action="([^"]*)"/.exec(page.text)[1]);
    const fields = [...page.text.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map(([, name, value]) => [unescapeHtml(name), unescapeHtml(value)]);
    response = new Request(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  }
  const claims = await oidc.implicitAuthentication(config, response, nonce, { expectedState: state });
  return { claims, viaFormPost: response instanceof Request };
}

process.stdout.write(JSON.stringify({ fragment: await signIn(undefined), formPost: await signIn('form_post') }));
