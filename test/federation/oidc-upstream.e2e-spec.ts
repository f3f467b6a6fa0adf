import { DataSource } from 'typeorm';
import { BrowserSession, hiddenField } from '../support/browser-session';
import { CONTOSO_SECRET, federate, finishAtClient, providerButton, registerOidcProvider, throughUpstream } from '../support/federation';
import { decodeJwt, request } from '../support/http';
import { useTestServer } from '../support/server-fixture';
import { authorizeWithPkce, callbackParams, createPerson, redeemCode, registerWebClient, RegisteredClient, signInThroughCodeFlow } from '../support/sign-in';
import { freePort } from '../support/test-server';
import { UpstreamOidcProvider } from '../support/upstream-oidc-provider';

const ADA = { sub: 'contoso-0001-ada', claims: { email: 'ada@contoso.com', email_verified: true, name: 'Ada Lovelace', given_name: 'Ada', family_name: 'Lovelace', preferred_username: 'ada', groups: ['contoso-engineering', 'contoso-unmapped'] } };
const GRACE = { sub: 'contoso-0002-grace', claims: { email: 'grace@fabrikam.example', email_verified: false, name: 'Grace Hopper', preferred_username: 'grace', groups: [] } };

describe('sign-in through an upstream OpenID Provider (node-oidc-provider as "Contoso")', () => {
  const ctx = useTestServer({ KEY_ENCRYPTION_SECRET: 'federation-oidc-test-secret-0123456789' });
  let contoso: UpstreamOidcProvider;
  let client: RegisteredClient;
  let providerId: string;
  const db = () => ctx.server.app.get(DataSource);
  const users = async () => Number((await db().query(`SELECT count(*)::int AS n FROM users`))[0].n);
  const linkOf = async (subject: string): Promise<string | undefined> => (await db().query(`SELECT user_id FROM federated_identities WHERE subject = $1`, [subject]))[0]?.user_id;

  beforeAll(async () => {
    contoso = await UpstreamOidcProvider.start({
      clients: () => [{ client_id: 'meridian', client_secret: CONTOSO_SECRET, redirect_uris: [`${ctx.server.config.issuer}/federation/contoso/callback`] }],
      accounts: { [ADA.sub]: ADA, [GRACE.sub]: GRACE },
      defaultAccount: ADA.sub,
    });
    await ctx.admin.send('POST', '/admin/v1/groups', { name: 'engineering' });
    providerId = await registerOidcProvider(ctx.admin, {
      name: 'contoso', display_name: 'Contoso', issuer: contoso.issuer, client_id: 'meridian', client_secret: CONTOSO_SECRET,
      scopes: ['openid', 'profile', 'email', 'groups'], domains: ['contoso.com'], groups_claim: 'groups', group_mapping: { 'contoso-engineering': 'engineering' },
    });
    client = await registerWebClient(ctx.admin, { scope: 'openid profile email groups' });
  }, 60_000);

  afterAll(async () => {
    await contoso?.stop();
  });

  /** An authorization request of our client up to our login page, in a fresh browser. */
  async function loginPageOfClient(): Promise<{ browser: BrowserSession; page: Awaited<ReturnType<BrowserSession['get']>>; verifier: string }> {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const { url, verifier } = authorizeWithPkce(client.client_id, { scope: 'openid profile email groups' });
    const page = await browser.follow(await browser.get(url));
    expect(page.status).toBe(200);
    return { browser, page, verifier };
  }

  it('shows one button per enabled provider, as a link to its start route, under the same CSP', async () => {
    const { page } = await loginPageOfClient();
    const href = providerButton(page, 'Contoso');
    expect(href).toMatch(/^\/federation\/contoso\/start\?return_to=%2Foauth2%2Fauthorize%2Fresume/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    // Scripts only from our own origin (the passkey files), never inline.
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/unsafe-inline'[^;]*;[^;]*script|script-src[^;]*unsafe/);
    expect([...page.text.matchAll(/<script[^>]*>/g)].map((tag) => tag[0])).toEqual([
      '<script src="/assets/webauthn-browser.js">',
      '<script src="/assets/passkey.js">',
    ]);
    // Contoso owns a domain, so the password may be left empty for home-realm discovery.
    expect(page.text).not.toMatch(/name="password"[^>]*required/);
  });

  it('signs in through the button: PKCE and nonce to the upstream, a JIT account linked by sub, the mapped group in our tokens', async () => {
    const before = await users();
    const { browser, page, verifier } = await loginPageOfClient();
    const start = await browser.get(providerButton(page, 'Contoso'));
    expect(start.status).toBe(303);
    const upstreamUrl = new URL(start.location!);
    expect(upstreamUrl.origin).toBe(contoso.issuer);
    expect(Object.fromEntries(upstreamUrl.searchParams)).toMatchObject({
      response_type: 'code', client_id: 'meridian', redirect_uri: `${ctx.server.config.issuer}/federation/contoso/callback`,
      scope: 'openid profile email groups', code_challenge_method: 'S256',
    });
    for (const param of ['state', 'nonce', 'code_challenge']) expect(upstreamUrl.searchParams.get(param)).toMatch(/^[\w-]{43,}$/);
    const callback = await browser.get((await throughUpstream(start.location!)).replace(ctx.server.config.issuer, ctx.server.baseUrl));
    expect(callback.status).toBe(303);
    expect(callback.location).toMatch(/^\/oauth2\/authorize\/resume/);
    const code = callbackParams(await finishAtClient(browser, callback)).get('code')!;
    const tokens = await redeemCode(ctx.server.baseUrl, client, code, verifier);
    expect(tokens.status).toBe(200);
    const idToken = decodeJwt(tokens.body.id_token!).payload;
    expect(idToken.iss).toBe(ctx.server.config.issuer);
    expect(idToken.groups).toEqual(['engineering']);
    const userinfo = await request<{ sub: string; email: string; groups: string[] }>(`${ctx.server.baseUrl}/oauth2/userinfo`, { headers: { authorization: `Bearer ${tokens.body.access_token}` } });
    expect(userinfo.body).toMatchObject({ sub: idToken.sub, email: 'ada@contoso.com', groups: ['engineering'] });
    // The mapped upstream group is a membership here, marked as the provider's; the unmapped one is ignored.
    const groups = await ctx.admin.get<{ items: Array<{ name: string }> }>(`/admin/v1/users/${idToken.sub}/groups`);
    expect(groups.body.items.map((group) => group.name)).toEqual(['engineering']);
    // Our tokens are ours: nothing of the upstream's is passed on.
    expect(JSON.stringify(tokens.body)).not.toContain(contoso.issuer);
    expect(await users()).toBe(before + 1);
    const userId = await linkOf(ADA.sub);
    expect(idToken.sub).toBe(userId);
    const person = await ctx.admin.get<{ username: string; email: string; email_verified: boolean; name: string }>(`/admin/v1/users/${userId}`);
    expect(person.body).toMatchObject({ username: 'ada', email: 'ada@contoso.com', email_verified: true, name: 'Ada Lovelace' });
    const events = await ctx.admin.get<{ items: Array<{ action: string; details: Record<string, unknown> }> }>('/admin/v1/events?action=signin.succeeded');
    expect(events.body.items.some((event) => event.details.provider === 'contoso')).toBe(true);
  });

  it('reuses the linked account at the next sign-in, even after the upstream changed the e-mail address; a dropped group goes', async () => {
    await contoso.control({ accounts: { [ADA.sub]: { claims: { email: 'ada.lovelace@contoso.com', groups: ['contoso-unmapped'] } } } });
    const before = await users();
    const linked = await linkOf(ADA.sub);
    const { browser, page } = await loginPageOfClient();
    const callback = await federate(ctx.server, browser, providerButton(page, 'Contoso'));
    expect(callbackParams(await finishAtClient(browser, callback)).get('code')).toBeTruthy();
    expect(await users()).toBe(before);
    expect(await linkOf(ADA.sub)).toBe(linked);
    expect((await ctx.admin.get<{ email: string }>(`/admin/v1/users/${linked}`)).body.email).toBe('ada.lovelace@contoso.com');
    expect((await ctx.admin.get<{ items: unknown[] }>(`/admin/v1/users/${linked}/groups`)).body.items).toEqual([]);
    await contoso.control({ accounts: { [ADA.sub]: { claims: { email: 'ada@contoso.com', groups: ADA.claims.groups } } } });
  });

  it('routes a name of a provider\'s domain to it (home-realm discovery) without checking a password', async () => {
    const { browser, page } = await loginPageOfClient();
    const submitted = await browser.post('/login', { csrf_token: hiddenField(page.text, 'csrf_token'), return_to: hiddenField(page.text, 'return_to'), username: 'ada@contoso.com', password: '' });
    expect(submitted.status).toBe(303);
    const start = new URL(submitted.location!, ctx.server.baseUrl);
    expect(start.pathname).toBe('/federation/contoso/start');
    expect(start.searchParams.get('login_hint')).toBe('ada@contoso.com');
    expect(start.searchParams.get('return_to')).toBe(hiddenField(page.text, 'return_to'));
    const redirect = await browser.get(start.pathname + start.search);
    expect(new URL(redirect.location!).searchParams.get('login_hint')).toBe('ada@contoso.com');
    // The login page's CSP lets the form's answer go on to the upstream (form-action covers redirects).
    expect(page.headers.get('content-security-policy')).toContain(`form-action 'self' ${contoso.issuer}`);
    const callback = await browser.get((await throughUpstream(redirect.location!)).replace(ctx.server.config.issuer, ctx.server.baseUrl));
    expect(callbackParams(await finishAtClient(browser, callback)).get('code')).toBeTruthy();
    // No password was checked, so no failed attempt counts against ada@contoso.com.
    const events = await ctx.admin.get<{ items: Array<{ details: Record<string, unknown> }> }>('/admin/v1/events?action=signin.failed');
    expect(events.body.items.filter((event) => event.details.username === 'ada@contoso.com')).toEqual([]);
  });

  it('keeps the password check for every other name: an empty password is still a failed sign-in', async () => {
    const person = await createPerson(ctx.admin);
    const { browser, page } = await loginPageOfClient();
    const submitted = await browser.post('/login', { csrf_token: hiddenField(page.text, 'csrf_token'), return_to: hiddenField(page.text, 'return_to'), username: person.username, password: '' });
    expect(submitted.status).toBe(401);
  });

  it('links an existing local person by e-mail only when link_by_verified_email is on and the upstream says email_verified: true', async () => {
    const local = await createPerson(ctx.admin, { email: 'grace@fabrikam.example' });
    const attempt = async () => {
      const { browser, page } = await loginPageOfClient();
      await contoso.control({ current: GRACE.sub });
      try {
        return await federate(ctx.server, browser, providerButton(page, 'Contoso'));
      } finally {
        await contoso.control({ current: ADA.sub });
      }
    };
    const refused = await attempt();
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('An account with this e-mail address exists here already');
    await ctx.admin.send('PATCH', `/admin/v1/identity-providers/${providerId}`, { link_by_verified_email: true });
    // The upstream does not vouch for the address (email_verified false): still refused.
    expect((await attempt()).status).toBe(403);
    await contoso.control({ accounts: { [GRACE.sub]: { claims: { email_verified: true } } } });
    const linked = await attempt();
    expect(linked.status).toBe(303);
    expect(await linkOf(GRACE.sub)).toBe(local.id);
    await ctx.admin.send('PATCH', `/admin/v1/identity-providers/${providerId}`, { link_by_verified_email: false });
  });

  it('keeps a person disabled here refused, whatever the upstream says, and starts no session', async () => {
    const userId = (await linkOf(ADA.sub))!;
    await ctx.admin.send('PATCH', `/admin/v1/users/${userId}`, { disabled: true });
    const { browser, page } = await loginPageOfClient();
    const refused = await federate(ctx.server, browser, providerButton(page, 'Contoso'));
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('This account is disabled.');
    expect(refused.headers.get('set-cookie') ?? '').not.toMatch(/sid/i);
    expect((await browser.follow(await browser.get(authorizeWithPkce(client.client_id).url))).text).toContain('action="/login"');
    await ctx.admin.send('PATCH', `/admin/v1/users/${userId}`, { disabled: false });
  });

  it('shows the upstream\'s error as a page naming the provider, never its text', async () => {
    const { browser, page } = await loginPageOfClient();
    const start = await browser.get(providerButton(page, 'Contoso'));
    const state = new URL(start.location!).searchParams.get('state')!;
    const answer = await browser.get(`/federation/contoso/callback?${new URLSearchParams({ state, error: 'access_denied', error_description: '<script>alert(1)</script>' })}`);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('Contoso did not sign you in');
    expect(answer.text).not.toContain('<script>alert');
    expect(answer.text).not.toContain('&lt;script&gt;');
  });

  it('answers an unknown or disabled provider with a 404 page', async () => {
    const browser = new BrowserSession(ctx.server.baseUrl);
    expect((await browser.get('/federation/nobody/start?return_to=/')).status).toBe(404);
    const id = await registerOidcProvider(ctx.admin, { name: 'off', issuer: contoso.issuer, client_id: 'x', enabled: false });
    const off = await browser.get('/federation/off/start?return_to=/');
    expect(off.status).toBe(404);
    expect(off.headers.get('content-type')).toContain('text/html');
    expect((await loginPageOfClient()).page.text).not.toContain('Sign in with off');
    await ctx.admin.send('DELETE', `/admin/v1/identity-providers/${id}`);
  });

  it('names the provider when the upstream is down, and the local login keeps working', async () => {
    const closed = await freePort();
    const id = await registerOidcProvider(ctx.admin, { name: 'fabrikam', display_name: 'Fabrikam', issuer: `http://127.0.0.1:${closed}`, client_id: 'x', client_secret: 'y', domains: ['fabrikam.example'] });
    const browser = new BrowserSession(ctx.server.baseUrl);
    const down = await browser.get('/federation/fabrikam/start?return_to=/');
    expect(down.status).toBe(502);
    expect(down.text).toContain('Fabrikam could not be reached');
    expect(down.text).not.toMatch(/ECONNREFUSED|at \w+ \(|fetch failed/);
    const events = await ctx.admin.get<{ items: Array<{ details: Record<string, unknown> }> }>('/admin/v1/events?action=signin.failed');
    expect(events.body.items.some((event) => event.details.provider === 'fabrikam' && event.details.reason === 'upstream-unreachable')).toBe(true);
    const person = await createPerson(ctx.admin);
    const local = await signInThroughCodeFlow(ctx.server.baseUrl, client, person);
    expect(local.idToken).toBeTruthy();
    await ctx.admin.send('DELETE', `/admin/v1/identity-providers/${id}`);
  });
});
