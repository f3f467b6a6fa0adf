import { AdminApi } from '../support/admin';
import { freePort, startTestServer, TestServer } from '../support/test-server';
import { BrowserSession, decodeEntities, hiddenField, submitLogin } from '../support/browser-session';
import { authorize, authorizeUrl, callbackParams, createPerson, pkce, redeemCode, registerWebClient, tokenRequest } from '../support/sign-in';
import { useAccountPage } from './account-fixture';

/** The self-service account page: signed in through the SSO session, every form CSRF-protected. */
describe('account page', () => {
  const { ctx, db, signIn, submit, csrfToken, isSignedIn, auditActions } = useAccountPage();

  describe('without a session', () => {
    it.each(['/account', '/account/password', '/account/sessions', '/account/apps', '/account/factors', '/account/recovery-codes'])(
      'GET %s sends the browser to sign in and come back',
      async (path) => {
        const page = await new BrowserSession(ctx.server.baseUrl).get(path);
        expect(page.status).toBe(303);
        const location = new URL(page.location!, ctx.server.baseUrl);
        expect(location.pathname).toBe('/login');
        expect(location.searchParams.get('return_to')).toBe(path);
      },
    );

    it('a form posted after the session ended changes nothing and sends the browser to sign in', async () => {
      const person = await createPerson(ctx.admin);
      const browser = await signIn(person);
      const token = await csrfToken(browser);
      await db().query(`UPDATE sso_sessions SET ended_at = now() WHERE user_id = $1`, [person.id]);
      const result = await browser.post('/account/password', { csrf_token: token, current_password: person.password, new_password: 'y'.repeat(12), new_password_confirmation: 'y'.repeat(12) });
      expect(result.status).toBe(303);
      expect(new URL(result.location!, ctx.server.baseUrl).searchParams.get('return_to')).toBe('/account/password');
      await signIn(person);
    });

    it('signing in on the login page it sends to comes back to the account page', async () => {
      const person = await createPerson(ctx.admin);
      const browser = new BrowserSession(ctx.server.baseUrl);
      const login = await browser.follow(await browser.get('/account'));
      const result = await submitLogin(browser, login, person.username, person.password);
      expect(result.location).toBe('/account');
    });
  });

  describe('profile', () => {
    it('shows who is signed in, the sections and a sign-out link, with the strict page headers', async () => {
      const person = await createPerson(ctx.admin, { name: 'Ada <Lovelace>' });
      const page = await (await signIn(person)).get('/account');
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(page.text).toContain(person.username);
      expect(page.text).toContain('Ada &lt;Lovelace&gt;');
      expect(page.text).toContain(`${person.username}@example.com`);
      for (const href of ['/account/password', '/account/factors', '/account/recovery-codes', '/account/sessions', '/account/apps', '/oauth2/logout']) {
        expect(page.text).toContain(`href="${href}"`);
      }
      expect(page.text).not.toMatch(/<script>/);
    });

    it('shows only the fixed notices, never text from the link', async () => {
      const browser = await signIn(await createPerson(ctx.admin));
      const page = await browser.get('/account?done=%3Cb%3Ehello%3C%2Fb%3E');
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('hello');
    });
  });

  describe('password', () => {
    it('refuses a wrong current password, a confirmation that differs and a too short password', async () => {
      const person = await createPerson(ctx.admin);
      const browser = await signIn(person);
      const cases: Array<[Record<string, string>, string]> = [
        [{ current_password: 'not it at all', new_password: 'a new password 1', new_password_confirmation: 'a new password 1' }, 'is not your current password'],
        [{ current_password: person.password, new_password: 'a new password 1', new_password_confirmation: 'another one 2' }, 'confirmation differ'],
        [{ current_password: person.password, new_password: 'short', new_password_confirmation: 'short' }, 'must be 8 to 256 characters'],
      ];
      for (const [fields, message] of cases) {
        const result = await submit(browser, '/account/password', '/account/password', fields);
        expect(result.status).toBe(400);
        expect(decodeEntities(result.text)).toContain(message);
        expect(result.text).toContain('name="current_password"');
      }
      // Nothing changed: the old password still signs in.
      await signIn(person);
    });

    it('counts wrong current passwords against the sign-in lockout', async () => {
      const person = await createPerson(ctx.admin);
      const browser = await signIn(person);
      const attempt = (current: string) =>
        submit(browser, '/account/password', '/account/password', { current_password: current, new_password: 'a new password 1', new_password_confirmation: 'a new password 1' });
      let locked = false;
      for (let tries = 0; tries < 30 && !locked; tries++) locked = (await attempt(`wrong ${tries}`)).text.includes('too many attempts');
      expect(locked).toBe(true);
      const right = await attempt(person.password);
      expect(right.status).toBe(400);
      expect(right.text).toContain('too many attempts');
    });

    it('with the current password changes it, keeps this browser and ends every other session and token', async () => {
      const person = await createPerson(ctx.admin);
      const client = await registerWebClient(ctx.admin, { first_party: true });
      const other = await signIn(person);
      const { verifier, challenge } = pkce();
      const code = callbackParams(await authorize(other, authorizeUrl(client.client_id, { code_challenge: challenge, code_challenge_method: 'S256', scope: 'openid offline_access' }))).get('code')!;
      const tokens = (await redeemCode(ctx.server.baseUrl, client, code, verifier)).body;
      expect(tokens.refresh_token).toBeTruthy();
      const browser = await signIn(person);

      const next = 'a brand new password';
      const result = await submit(browser, '/account/password', '/account/password', { current_password: person.password, new_password: next, new_password_confirmation: next });
      expect(result.status).toBe(303);
      expect(result.location).toBe('/account/password?done=password-changed');
      expect((await browser.get(result.location!)).text).toContain('signed out of every other browser');

      expect(await isSignedIn(browser)).toBe(true);
      expect(await isSignedIn(other)).toBe(false);
      // Even an offline grant ends: whoever knew the old password keeps nothing.
      const refreshed = await tokenRequest(ctx.server.baseUrl, client, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! });
      expect(refreshed.body.error).toBe('invalid_grant');

      const fresh = new BrowserSession(ctx.server.baseUrl);
      expect((await submitLogin(fresh, await fresh.get('/login'), person.username, person.password)).status).toBe(401);
      await signIn({ username: person.username, password: next });
      expect(await auditActions(person.id)).toContain('account.password_changed');
    });
  });

  describe('CSRF', () => {
    it('refuses a form without the token, or with another browser\'s, before changing anything', async () => {
      const person = await createPerson(ctx.admin);
      const browser = await signIn(person);
      const other = await signIn(person);
      const foreign = await csrfToken(other);
      await browser.get('/account/sessions');
      const attempts: Array<Record<string, string>> = [{}, { csrf_token: foreign }, { csrf_token: '' }];
      for (const fields of attempts) {
        const result = await browser.post('/account/sessions/end-others', fields);
        expect(result.status).toBe(403);
        expect(result.text).toContain('Form expired');
      }
      const password = await browser.post('/account/password', { current_password: person.password, new_password: 'x'.repeat(12), new_password_confirmation: 'x'.repeat(12) });
      expect(password.status).toBe(403);
      expect(await isSignedIn(other)).toBe(true);
      await signIn(person);
    });

    it('answers a repeated field with a page, not a server error', async () => {
      const browser = await signIn(await createPerson(ctx.admin));
      const token = await csrfToken(browser);
      const result = await browser.post('/account/sessions/end', { csrf_token: [token, token], session_id: 'x' });
      expect(result.status).toBe(400);
      expect(result.headers.get('content-type')).toContain('text/html');
    });
  });

  describe('malformed requests', () => {
    it.each([
      ['POST', '/account/password', 'application/json', '{"csrf_token":"x"}'],
      ['POST', '/account/sessions/end', 'application/x-www-form-urlencoded', 'csrf_token=%FF%FE&session_id=%C3%28'],
      ['POST', '/account/factors/remove', 'text/plain', 'factor_id=1'],
      ['GET', '/account?done=a&done=b', undefined, undefined],
      ['GET', '/account/sessions?done=%E9%ZZ', undefined, undefined],
    ])('%s %s (%s) is answered with a page, never a server error', async (method, path, contentType, body) => {
      const browser = await signIn(await createPerson(ctx.admin));
      const cookie = ['sid', 'csrf'].map((name) => `${name}=${browser.cookie(name) ?? ''}`).join('; ');
      const response = await fetch(`${ctx.server.baseUrl}${path}`, { method, redirect: 'manual', headers: { cookie, ...(contentType ? { 'content-type': contentType } : {}) }, body });
      expect(response.status).toBeLessThan(500);
      if (method === 'POST') expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).not.toMatch(/\n\s+at /);
    });
  });

});

describe('account page under an issuer path', () => {
  let server: TestServer;
  let admin: AdminApi;

  beforeAll(async () => {
    const port = await freePort();
    server = await startTestServer({ ISSUER: `http://127.0.0.1:${port}/tenant-a`, PORT: String(port) });
    admin = await AdminApi.connect({ ...server, baseUrl: `${server.baseUrl}/tenant-a` });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('keeps every redirect, link and form under the path', async () => {
    const person = await createPerson(admin);
    const browser = new BrowserSession(server.baseUrl);
    const redirect = await browser.get('/tenant-a/account/sessions');
    expect(redirect.status).toBe(303);
    expect(redirect.location).toBe(`/tenant-a/login?${new URLSearchParams({ return_to: '/tenant-a/account/sessions' })}`);
    const login = await browser.follow(redirect);
    const signedIn = await browser.post('/tenant-a/login', {
      csrf_token: hiddenField(login.text, 'csrf_token'),
      return_to: hiddenField(login.text, 'return_to'),
      username: person.username,
      password: person.password,
    });
    expect(signedIn.location).toBe('/tenant-a/account/sessions');
    const page = await browser.get('/tenant-a/account');
    expect(page.status).toBe(200);
    expect(page.text).toContain('href="/tenant-a/account/sessions"');
    expect(page.text).toContain('href="/tenant-a/oauth2/logout"');
    expect(page.text).not.toMatch(/(href|action)="\/(account|oauth2|login)/);
    const password = await browser.get('/tenant-a/account/password');
    expect(password.text).toContain('action="/tenant-a/account/password"');
    const result = await browser.post('/tenant-a/account/sessions/end-others', { csrf_token: hiddenField(password.text, 'csrf_token') });
    expect(result.location).toBe('/tenant-a/account/sessions?done=other-sessions-ended');
  });
});
