import { DataSource } from 'typeorm';
import { ClientChangeNotifier } from '@app/clients';
import { BrowserSession, formAction, hiddenField, PageResult, submitLogin } from '../support/browser-session';
import { useTestServer } from '../support/server-fixture';
import { authorizeWithPkce, callbackParams, createPerson, decideConsent, redeemCode, registerWebClient } from '../support/sign-in';
import { decodeJwt } from '../support/http';
import { enterCode, registerDeviceClient, startOk } from '../support/device';

const LOGO = 'https://cdn.orders.example/logo.png';

/** The pages of the authorization flow name the application, show its https logo and links, and who is signed in. */
describe('Application and person named on the sign-in pages', () => {
  const ctx = useTestServer();
  const csp = (page: PageResult) => page.headers.get('content-security-policy') ?? '';

  beforeAll(async () => {
    const api = await ctx.admin.send('POST', '/admin/v1/apis', {
      identifier: 'https://orders.page-context.test',
      name: 'Orders',
      scopes: [{ name: 'orders:read', description: 'See your <orders> & invoices' }],
    });
    expect(api.status).toBe(201);
  });

  async function loginPageFor(clientId: string, params: Record<string, string> = {}): Promise<{ browser: BrowserSession; page: PageResult; verifier: string }> {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const { url, verifier } = authorizeWithPkce(clientId, { scope: 'openid profile orders:read', ...params });
    const page = await browser.follow(await browser.get(url));
    expect(page.status).toBe(200);
    expect(formAction(page.text)).toBe('/login');
    return { browser, page, verifier };
  }

  it('names the application on the login page and shows its https logo, allowed by the CSP for that origin only', async () => {
    const client = await registerWebClient(ctx.admin, {
      client_name: 'Orders <web> app',
      logo_uri: LOGO,
      client_uri: 'https://orders.example/',
      policy_uri: 'https://orders.example/privacy',
      tos_uri: 'https://orders.example/terms',
    });
    const { page } = await loginPageFor(client.client_id);
    expect(page.text).toContain('<p class="client-name">Orders &lt;web&gt; app</p>');
    expect(page.text).not.toContain('Orders <web> app');
    expect(page.text).toContain(`<img class="client-logo" src="${LOGO}" alt=""`);
    expect(page.text).toContain('<a href="https://orders.example/" rel="noopener noreferrer">Website</a>');
    expect(page.text).toContain('<a href="https://orders.example/privacy" rel="noopener noreferrer">Privacy policy</a>');
    expect(page.text).toContain('<a href="https://orders.example/terms" rel="noopener noreferrer">Terms of service</a>');
    expect(csp(page)).toContain("img-src 'self' data: https://cdn.orders.example;");
    expect(csp(page)).toContain("default-src 'none'");
  });

  it('falls back to the client_id for an empty name and shows no logo from an http URL', async () => {
    const client = await registerWebClient(ctx.admin, { logo_uri: 'http://cdn.orders.example/logo.png' });
    await ctx.server.app.get(DataSource).query(`UPDATE clients SET client_name = '' WHERE client_id = $1`, [client.client_id]);
    ctx.server.app.get(ClientChangeNotifier).clientChanged(client.client_id);
    const { page } = await loginPageFor(client.client_id);
    expect(page.text).toContain(`<p class="client-name">${client.client_id}</p>`);
    expect(page.text).not.toContain('<img');
    expect(page.text).not.toContain('cdn.orders.example');
    expect(csp(page)).toContain("img-src 'self' data:;");
  });

  it('never links a javascript: policy_uri: the admin API refuses it, and one stored anyway is not rendered', async () => {
    const refused = await ctx.admin.createClient({ client_name: 'Bad links', redirect_uris: ['https://app.example.com/callback'], policy_uri: 'javascript:alert(1)' });
    expect(refused.status).toBe(400);
    const client = await registerWebClient(ctx.admin, { client_name: 'Old links' });
    // A value from before registration checked it, or written past the API.
    await ctx.server.app.get(DataSource).query(`UPDATE clients SET policy_uri = $2, logo_uri = $3, tos_uri = $4 WHERE client_id = $1`, [
      client.client_id, 'javascript:alert(1)', 'data:image/svg+xml,<svg onload=alert(1)>', 'JAVASCRIPT:alert(2)',
    ]);
    ctx.server.app.get(ClientChangeNotifier).clientChanged(client.client_id);
    const { page } = await loginPageFor(client.client_id);
    expect(page.text).toContain('<p class="client-name">Old links</p>');
    expect(page.text.toLowerCase()).not.toContain('javascript:');
    expect(page.text).not.toContain('<img');
    expect(page.text).not.toContain('data:image/svg');
  });

  it("lists the API's scope description on the consent page and says who is signed in", async () => {
    const client = await registerWebClient(ctx.admin, { client_name: 'Orders web', logo_uri: LOGO });
    const person = await createPerson(ctx.admin, { name: 'Ada <Lovelace>' });
    const { browser, page } = await loginPageFor(client.client_id);
    const consent = await browser.follow(await submitLogin(browser, page, person.username, person.password));
    expect(formAction(consent.text)).toBe('/oauth2/consent');
    expect(consent.text).toContain('<p class="client-name">Orders web</p>');
    expect(consent.text).toContain('<li>See your &lt;orders&gt; &amp; invoices <code>orders:read</code></li>');
    expect(consent.text).toContain('<li>See your name and username <code>profile</code></li>');
    expect(consent.text).toContain(`Signed in as <strong>Ada &lt;Lovelace&gt;</strong> (${person.username}).`);
    expect(consent.text).toContain('action="/oauth2/consent/switch-account"');
    expect(csp(consent)).toContain("img-src 'self' data: https://cdn.orders.example;");
  });

  it('"Not you?" leads back to the login page for the same request, which another person then completes', async () => {
    const client = await registerWebClient(ctx.admin, { client_name: 'Orders web' });
    const first = await createPerson(ctx.admin);
    const second = await createPerson(ctx.admin);
    const { browser, page, verifier } = await loginPageFor(client.client_id);
    const returnTo = hiddenField(page.text, 'return_to');
    const consent = await browser.follow(await submitLogin(browser, page, first.username, first.password));
    expect(consent.text).toContain(`(${first.username})`);

    const switched = await browser.post('/oauth2/consent/switch-account', {
      request: hiddenField(consent.text, 'request'),
      csrf_token: hiddenField(consent.text, 'csrf_token'),
    });
    expect(switched.status).toBe(303);
    const login = await browser.follow(switched);
    expect(formAction(login.text)).toBe('/login');
    // The same pending request, and the first person's session no longer satisfies it.
    expect(hiddenField(login.text, 'return_to')).toBe(returnTo);
    expect(login.text).toContain('<p class="client-name">Orders web</p>');
    const again = await browser.follow(await browser.get(returnTo));
    expect(formAction(again.text)).toBe('/login');

    const secondConsent = await browser.follow(await submitLogin(browser, login, second.username, second.password));
    expect(secondConsent.text).toContain(`(${second.username})`);
    const callback = await browser.follow(await decideConsent(browser, secondConsent, 'allow'));
    const params = callbackParams(callback);
    expect(params.get('state')).toBe('st-123');
    const tokens = await redeemCode(ctx.server.baseUrl, client, params.get('code')!, verifier);
    expect(tokens.status).toBe(200);
    expect(decodeJwt(tokens.body.id_token!).payload.sub).toBe(second.id);
  });

  it('"Not you?" with a forged form or an unknown request changes nothing', async () => {
    const client = await registerWebClient(ctx.admin);
    const person = await createPerson(ctx.admin);
    const { browser, page } = await loginPageFor(client.client_id);
    const consent = await browser.follow(await submitLogin(browser, page, person.username, person.password));
    const request = hiddenField(consent.text, 'request');
    const forged = await browser.post('/oauth2/consent/switch-account', { request, csrf_token: 'forged' });
    expect(forged.status).toBe(403);
    const unknown = await browser.post('/oauth2/consent/switch-account', { request: 'x'.repeat(43), csrf_token: 'forged' });
    expect(unknown.status).toBe(400);
    const still = await browser.follow(await browser.get(`/oauth2/authorize/resume?request=${request}`));
    expect(formAction(still.text)).toBe('/oauth2/consent');
  });

  it('names the application, its scopes in plain words and the person on the device confirmation, with "Not you?"', async () => {
    const client = await registerDeviceClient(ctx.admin, { client_name: 'Kitchen <Display>', logo_uri: LOGO, scope: 'openid profile orders:read' });
    const person = await createPerson(ctx.admin, { name: 'Ada Lovelace' });
    const started = await startOk(ctx.server, client, { scope: 'openid orders:read' });
    const browser = new BrowserSession(ctx.server.baseUrl);
    const login = await browser.follow(await enterCode(browser, started.user_code));
    await browser.follow(await submitLogin(browser, login, person.username, person.password));
    const confirm = await enterCode(browser, started.user_code);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('<p class="client-name">Kitchen &lt;Display&gt;</p>');
    expect(confirm.text).toContain('<li>See your &lt;orders&gt; &amp; invoices <code>orders:read</code></li>');
    expect(confirm.text).toContain(`Signed in as <strong>Ada Lovelace</strong> (${person.username}).`);
    const notYou = `/login?return_to=${encodeURIComponent(`/device?user_code=${started.user_code}`)}`;
    expect(confirm.text).toContain(`<a href="${notYou.replace(/&/g, '&amp;')}">Not you?</a>`);
    expect(confirm.headers.get('content-security-policy')).toContain("img-src 'self' data: https://cdn.orders.example;");
    const switched = await browser.get(notYou);
    expect(formAction(switched.text)).toBe('/login');
  });

  it('names the application and the person on the sign-out page', async () => {
    const client = await registerWebClient(ctx.admin, { client_name: 'Orders web', logo_uri: LOGO, policy_uri: 'https://orders.example/privacy' });
    const person = await createPerson(ctx.admin, { name: 'Grace Hopper' });
    const { browser, page } = await loginPageFor(client.client_id);
    await browser.follow(await submitLogin(browser, page, person.username, person.password));
    const logout = await browser.get(`/oauth2/logout?client_id=${client.client_id}`);
    expect(logout.status).toBe(200);
    expect(logout.text).toContain('Sign out?');
    expect(logout.text).toContain('<p class="client-name">Orders web</p>');
    expect(logout.text).toContain(`Signed in as <strong>Grace Hopper</strong> (${person.username}).`);
    expect(logout.text).toContain('rel="noopener noreferrer">Privacy policy</a>');
    expect(csp(logout)).toContain("img-src 'self' data: https://cdn.orders.example;");
  });
});
