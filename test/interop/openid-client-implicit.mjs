// Implicit sign-in (response_type=id_token) with the certified openid-client library, in the fragment and
// as a form post, against a running server; prints what it saw as JSON. A separate ES module process
// because openid-client 6 ships only as ESM.
import * as oidc from 'openid-client';

const { ISSUER, CLIENT_ID, REDIRECT_URI, USERNAME, PASSWORD } = process.env;
const cookies = new Map();

async function browse(url, init = {}) {
  const headers = new Headers(init.headers);
  if (cookies.size) headers.set('cookie', [...cookies].map(([name, value]) => `${name}=${value}`).join('; '));
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  for (const line of response.headers.getSetCookie()) {
    const [name, ...rest] = line.split(';')[0].split('=');
    if (rest.join('=')) cookies.set(name.trim(), rest.join('='));
    else cookies.delete(name.trim());
  }
  return { status: response.status, location: response.headers.get('location'), text: await response.text(), url };
}

const unescape = (value) => value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const hidden = (html, name) => unescape(new RegExp(`name="${name}" value="([^"]*)"`).exec(html)[1]);

/** Follows the server's redirects until the browser would leave for the client (a URL) or shows a page. */
async function follow(result) {
  while (result.status >= 300 && result.status < 400) {
    const next = new URL(result.location, result.url);
    if (next.origin !== new URL(ISSUER).origin) return next;
    result = await browse(next);
  }
  return result;
}

const config = await oidc.discovery(new URL(ISSUER), CLIENT_ID, undefined, oidc.None(), { execute: [oidc.allowInsecureRequests] });
oidc.useIdTokenResponseType(config);

async function signIn(responseMode) {
  const nonce = oidc.randomNonce();
  const state = oidc.randomState();
  const params = { redirect_uri: REDIRECT_URI, response_type: 'id_token', scope: 'openid email', nonce, state };
  if (responseMode) params.response_mode = responseMode;
  let page = await follow(await browse(oidc.buildAuthorizationUrl(config, params)));
  if (page.text?.includes('action="/login"')) {
    const form = new URLSearchParams({ csrf_token: hidden(page.text, 'csrf_token'), return_to: hidden(page.text, 'return_to'), username: USERNAME, password: PASSWORD });
    page = await follow(await browse(new URL('/login', ISSUER), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() }));
  }
  let response = page;
  if (!(page instanceof URL)) {
    // form_post: the page's form, as the browser would post it to the redirect URI.
    const action = unescape(/<form method="post" action="([^"]*)"/.exec(page.text)[1]);
    const fields = [...page.text.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map(([, name, value]) => [unescape(name), unescape(value)]);
    response = new Request(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  }
  const claims = await oidc.implicitAuthentication(config, response, nonce, { expectedState: state });
  return { claims, viaFormPost: response instanceof Request };
}

process.stdout.write(JSON.stringify({ fragment: await signIn(undefined), formPost: await signIn('form_post') }));
