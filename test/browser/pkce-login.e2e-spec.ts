import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { decodeJwt } from '../support/http';
import { TestServer } from '../support/test-server';
import { useTestServer } from '../support/server-fixture';

/**
 * A tiny single-page app: PKCE with WebCrypto, a redirect to our authorization endpoint, and the code
 * exchanged from the callback page with a cross-origin fetch to our token endpoint (CORS).
 */
function spaPage(issuer: string, clientId: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test SPA</title></head><body>
<h1>Test SPA</h1><button id="signin">Sign in with PKCE</button>
<p id="result" role="status"></p><pre id="token"></pre>
<script>
const issuer = ${JSON.stringify(issuer)};
const clientId = ${JSON.stringify(clientId)};
const redirectUri = location.origin + '/callback';
const b64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
async function start() {
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const state = b64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem('pkce', JSON.stringify({ verifier, state }));
  location.assign(issuer + '/oauth2/authorize?' + new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'openid profile', state, code_challenge: challenge, code_challenge_method: 'S256' }));
}
async function finish() {
  const params = new URLSearchParams(location.search);
  const saved = JSON.parse(sessionStorage.getItem('pkce') || '{}');
  if (params.get('error')) { document.getElementById('result').textContent = 'error: ' + params.get('error'); return; }
  if (params.get('state') !== saved.state || params.get('iss') !== issuer) { document.getElementById('result').textContent = 'state or issuer mismatch'; return; }
  const response = await fetch(issuer + '/oauth2/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri, client_id: clientId, code_verifier: saved.verifier }) });
  const body = await response.json();
  document.getElementById('result').textContent = body.access_token ? 'signed in' : 'token error: ' + body.error;
  document.getElementById('token').textContent = body.access_token || '';
}
document.getElementById('signin').addEventListener('click', start);
if (location.pathname === '/callback') finish();
</script></body></html>`;
}

async function startSpa(server: TestServer, clientId: () => string): Promise<{ spa: Server; origin: string }> {
  const spa = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(spaPage(server.config.issuer, clientId()));
  });
  await new Promise<void>((resolve) => spa.listen(0, '127.0.0.1', resolve));
  return { spa, origin: `http://127.0.0.1:${(spa.address() as AddressInfo).port}` };
}

describeWithChromium('PKCE sign-in from a single-page app in Chromium', () => {
  const ctx = useTestServer();
  let browser: Browser;
  let spa: Server;
  let origin: string;
  let clientId = '';

  beforeAll(async () => {
    ({ spa, origin } = await startSpa(ctx.server, () => clientId));
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => spa?.close(resolve));
  });

  // First-party: the login form's answer redirects straight to the SPA, which its CSP form-action must allow.
  it.each([[false], [true]])('signs in (first party: %s) through our pages and shows the token', async (firstParty) => {
    const client = await ctx.admin.registerClient({
      client_name: 'Browser SPA', application_type: 'native', redirect_uris: ['http://127.0.0.1/callback'],
      grant_types: ['authorization_code'], token_endpoint_auth_method: 'none', scope: 'openid profile', first_party: firstParty,
    });
    clientId = client.client_id;
    const username = `spa-person-${String(firstParty)}`;
    const person = await ctx.admin.send<{ id: string }>('POST', '/admin/v1/users', { username, password: 'spa person password' });
    const page = await (await browser.newContext()).newPage();
    const blocked: string[] = [];
    page.on('console', (message) => { if (/Content Security Policy|form-action/i.test(message.text())) blocked.push(message.text()); });

    await page.goto(origin);
    await page.getByRole('button', { name: 'Sign in with PKCE' }).click();
    await page.waitForURL(/\/login\?/);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill('spa person password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    if (!firstParty) {
      await page.getByRole('heading', { name: 'Allow access?' }).waitFor();
      await page.getByRole('button', { name: 'Allow' }).click();
    }

    await page.waitForURL(`${origin}/callback?**`);
    await page.getByText('signed in').waitFor();
    const token = await page.locator('#token').innerText();
    expect(decodeJwt(token).payload).toMatchObject({ sub: person.body.id, client_id: client.client_id, scope: 'openid profile' });
    expect(blocked).toEqual([]);
  }, 60_000);
});
