import { TestServer } from '../support/test-server';
import { useTestServer } from '../support/server-fixture';
import { AdminApi } from '../support/admin';
import { BrowserSession, hiddenField, PageResult, submitLogin } from '../support/browser-session';
import { authorizeUrl, createPerson, pkce, registerWebClient, RegisteredClient } from '../support/sign-in';
import { registerDeviceClient, startOk } from '../support/device';

const SIGNED_OUT = 'https://app.example.com/signed-out';

/** Every HTML page we serve, reached the way a browser reaches it. */
async function everyPage(server: TestServer, admin: AdminApi, client: RegisteredClient): Promise<Array<[string, PageResult]>> {
  const person = await createPerson(admin);
  const browser = new BrowserSession(server.baseUrl);
  const pages: Array<[string, PageResult]> = [];
  const challenge = { code_challenge: pkce().challenge, code_challenge_method: 'S256' };
  const start = await browser.get(authorizeUrl(client.client_id, challenge));
  const login = await browser.follow(start);
  pages.push(['GET /login', login]);
  pages.push(['POST /login (wrong password)', await submitLogin(browser, login, person.username, 'wrong password!')]);
  pages.push(['POST /login (form expired)', await browser.post('/login', { csrf_token: 'forged', return_to: '/', username: person.username, password: person.password })]);
  const consent = await browser.follow(await submitLogin(browser, login, person.username, person.password));
  pages.push(['POST /login -> authorize -> GET /oauth2/consent', consent]);
  expect(consent.text).toContain('action="/oauth2/consent"');
  pages.push(['POST /oauth2/consent (forged)', await browser.post('/oauth2/consent', { request: hiddenField(consent.text, 'request'), csrf_token: 'forged', decision: 'allow' })]);
  pages.push(['GET /oauth2/consent (bad request id)', await browser.get('/oauth2/consent?request=nope')]);
  pages.push(['GET /oauth2/authorize (error page)', await browser.get(authorizeUrl(client.client_id, challenge, 'https://evil.example/cb'))]);
  pages.push(['GET /oauth2/authorize/resume (expired)', await browser.get('/oauth2/authorize/resume?request=nope')]);

  const device = await startOk(server, await registerDeviceClient(admin));
  const deviceForm = await browser.get('/device');
  pages.push(['GET /device', deviceForm]);
  pages.push(['POST /device (wrong code)', await browser.post('/device', { csrf_token: hiddenField(deviceForm.text, 'csrf_token'), user_code: 'BCDF-GHJK' })]);
  pages.push(['POST /device (confirm page)', await browser.post('/device', { csrf_token: hiddenField(deviceForm.text, 'csrf_token'), user_code: device.user_code })]);
  pages.push(['POST /device (forged)', await browser.post('/device', { csrf_token: 'forged', user_code: device.user_code })]);

  const logout = await browser.get(`/oauth2/logout?client_id=${client.client_id}&post_logout_redirect_uri=${encodeURIComponent(SIGNED_OUT)}`);
  expect(logout.text).toContain('Sign out?');
  pages.push(['GET /oauth2/logout (confirm page)', logout]);
  pages.push(['GET /oauth2/logout (error page)', await browser.get(`/oauth2/logout?client_id=${client.client_id}&post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`)]);
  pages.push(['POST /oauth2/logout/confirm (forged)', await browser.post('/oauth2/logout/confirm', { csrf_token: 'forged' })]);
  pages.push(['GET /oauth2/logout (signed-out page)', await new BrowserSession(server.baseUrl).get('/oauth2/logout')]);
  return pages;
}

/**
 * RFC 9700 §4.7 (CSRF), §4.15 (clickjacking) and OWASP session management: every HTML page refuses framing,
 * is not cached, sets only HttpOnly SameSite=Lax cookies on Path=/ (Secure with __Host- names behind an
 * https issuer), every form POST needs this browser's CSRF token, and signing in never keeps a planted
 * session id.
 */
describe('RFC 9700 §4.7 / §4.15: HTML pages (CSRF, framing, cookies, session fixation)', () => {
  describe('over http (local development issuer)', () => {
    const ctx = useTestServer();
    let client: RegisteredClient;
    let pages: Array<[string, PageResult]>;

    beforeAll(async () => {
      client = await registerWebClient(ctx.admin);
      pages = await everyPage(ctx.server, ctx.admin, client);
    });

    it('RFC 9700 §4.15: every page forbids framing (CSP frame-ancestors and X-Frame-Options) and caching', () => {
      expect(pages).toHaveLength(16);
      for (const [name, page] of pages) {
        expect({ name, type: page.headers.get('content-type') }).toEqual({ name, type: 'text/html; charset=utf-8' });
        expect({ name, csp: page.headers.get('content-security-policy') }).toEqual({ name, csp: expect.stringContaining("frame-ancestors 'none'") });
        expect({ name, xfo: page.headers.get('x-frame-options') }).toEqual({ name, xfo: 'DENY' });
        expect({ name, nosniff: page.headers.get('x-content-type-options') }).toEqual({ name, nosniff: 'nosniff' });
        expect({ name, cache: page.headers.get('cache-control') }).toEqual({ name, cache: 'no-store' });
        expect({ name, location: page.location }).toEqual({ name, location: undefined });
      }
    });

    it('every cookie any page sets is HttpOnly, SameSite=Lax, Path=/ and not Secure over http', () => {
      let seen = 0;
      for (const [name, page] of pages) {
        for (const line of page.headers.getSetCookie()) {
          seen++;
          const attributes = line.split(';').slice(1).map((attribute) => attribute.trim().toLowerCase());
          expect({ name, line, httpOnly: attributes.includes('httponly'), lax: attributes.includes('samesite=lax'), path: attributes.includes('path=/'), domain: attributes.some((a) => a.startsWith('domain=')) })
            .toEqual({ name, line, httpOnly: true, lax: true, path: true, domain: false });
        }
      }
      expect(seen).toBeGreaterThan(0);
    });

    describe('RFC 9700 §4.7: every form POST needs this browser\'s CSRF token', () => {
      let person: { username: string; password: string };

      beforeAll(async () => {
        person = await createPerson(ctx.admin);
      });

      it('POST /login without, with a wrong, or with another browser\'s token does not sign in or count an attempt', async () => {
        const browser = new BrowserSession(ctx.server.baseUrl);
        const page = await browser.get('/login');
        const otherBrowser = new BrowserSession(ctx.server.baseUrl);
        const foreign = hiddenField((await otherBrowser.get('/login')).text, 'csrf_token');
        for (const csrf of [undefined, '', 'forged', foreign, `${hiddenField(page.text, 'csrf_token')}x`]) {
          const fields: Record<string, string> = { return_to: '/', username: person.username, password: person.password };
          if (csrf !== undefined) fields.csrf_token = csrf;
          const result = await browser.post('/login', fields);
          expect({ csrf, status: result.status, sid: browser.cookie('sid') }).toEqual({ csrf, status: 403, sid: undefined });
        }
        // A token without its cookie (cross-site POST from a browser that never saw our page).
        const cookieless = new BrowserSession(ctx.server.baseUrl);
        const stripped = await cookieless.post('/login', { csrf_token: hiddenField(page.text, 'csrf_token'), return_to: '/', username: person.username, password: person.password });
        expect(stripped.status).toBe(403);
        // None of the forged posts counted against the account: the right password still works.
        expect((await submitLogin(browser, await browser.get('/login'), person.username, person.password)).status).toBe(303);
      });

      it('a CSRF token is bound to its form: the login token does not work for consent, device or logout', async () => {
        const browser = new BrowserSession(ctx.server.baseUrl);
        const loginToken = hiddenField((await browser.get('/login')).text, 'csrf_token');
        await submitLogin(browser, await browser.get('/login'), person.username, person.password);
        const consent = await browser.follow(await browser.get(authorizeUrl(client.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256' })));
        expect(consent.text).toContain('action="/oauth2/consent"');
        const consentPost = await browser.post('/oauth2/consent', { request: hiddenField(consent.text, 'request'), csrf_token: loginToken, decision: 'allow' });
        expect(consentPost.status).toBe(403);
        expect(consentPost.location).toBeUndefined();
        expect((await browser.post('/device', { csrf_token: loginToken, user_code: 'BCDF-GHJK' })).status).toBe(403);
        expect((await browser.post('/oauth2/logout/confirm', { csrf_token: loginToken })).status).toBe(403);
        expect(browser.cookie('sid')).toBeDefined();
      });

      it('POST /oauth2/consent, /device and /oauth2/logout/confirm without or with a wrong token are 403 and change nothing', async () => {
        const browser = new BrowserSession(ctx.server.baseUrl);
        await submitLogin(browser, await browser.get('/login'), person.username, person.password);
        const consent = await browser.follow(await browser.get(authorizeUrl(client.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256' })));
        const device = await startOk(ctx.server, await registerDeviceClient(ctx.admin));
        for (const csrf of [undefined, 'forged']) {
          const extra: Record<string, string> = csrf === undefined ? {} : { csrf_token: csrf };
          const consentPost = await browser.post('/oauth2/consent', { request: hiddenField(consent.text, 'request'), decision: 'allow', ...extra });
          expect({ csrf, status: consentPost.status, location: consentPost.location }).toEqual({ csrf, status: 403, location: undefined });
          const devicePost = await browser.post('/device', { user_code: device.user_code, decision: 'allow', ...extra });
          expect({ csrf, status: devicePost.status }).toEqual({ csrf, status: 403 });
          const logoutPost = await browser.post('/oauth2/logout/confirm', { client_id: client.client_id, post_logout_redirect_uri: SIGNED_OUT, ...extra });
          expect({ csrf, status: logoutPost.status, location: logoutPost.location }).toEqual({ csrf, status: 403, location: undefined });
          expect(browser.cookie('sid')).toBeDefined();
        }
      });
    });

    describe('session fixation (OWASP; RFC 9700 §4.7)', () => {
      it('a planted session cookie is not adopted: signing in issues a new value and the planted one stays anonymous', async () => {
        const person = await createPerson(ctx.admin);
        const planted = 'planted-by-the-attacker-0123456789abcdefABCDEF';
        const victim = new BrowserSession(ctx.server.baseUrl);
        victim.setCookie('sid', planted);
        expect((await submitLogin(victim, await victim.get('/login'), person.username, person.password)).status).toBe(303);
        expect(victim.cookie('sid')).toBeDefined();
        expect(victim.cookie('sid')).not.toBe(planted);
        const attacker = new BrowserSession(ctx.server.baseUrl);
        attacker.setCookie('sid', planted);
        const start = await attacker.get(authorizeUrl(client.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256' }));
        expect(start.location).toMatch(/^\/login\?/);
      });

      it('the session cookie changes at every sign-in, and the previous value no longer signs anyone in', async () => {
        const first = await createPerson(ctx.admin);
        const second = await createPerson(ctx.admin);
        const browser = new BrowserSession(ctx.server.baseUrl);
        await submitLogin(browser, await browser.get('/login'), first.username, first.password);
        const before = browser.cookie('sid')!;
        await submitLogin(browser, await browser.get('/login'), second.username, second.password);
        const after = browser.cookie('sid')!;
        expect(after).toBeDefined();
        expect(after).not.toBe(before);
        const stale = new BrowserSession(ctx.server.baseUrl);
        stale.setCookie('sid', before);
        const start = await stale.get(authorizeUrl(client.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256' }));
        expect(start.location).toMatch(/^\/login\?/);
      });

      it('no page but a successful sign-in sets a session cookie', () => {
        for (const [name, page] of pages) {
          const sets = page.headers.getSetCookie().filter((line) => /^(__Host-)?sid=[^;]+/.test(line) && !/max-age=0/i.test(line));
          if (name.startsWith('POST /login -> authorize')) continue;
          expect({ name, sets }).toEqual({ name, sets: [] });
        }
      });
    });
  });

  describe('behind an https issuer', () => {
    const ctx = useTestServer({ ISSUER: 'https://auth.example.com' });
    let pages: Array<[string, PageResult]>;

    beforeAll(async () => {
      pages = await everyPage(ctx.server, ctx.admin, await registerWebClient(ctx.admin));
      const person = await createPerson(ctx.admin);
      const browser = new BrowserSession(ctx.server.baseUrl);
      pages.push(['POST /login (signed in)', await submitLogin(browser, await browser.get('/login'), person.username, person.password)]);
    });

    it('every cookie is Secure, HttpOnly, SameSite=Lax, Path=/, with a __Host- name (RFC 6265bis §4.1.3.2)', () => {
      const names = new Set<string>();
      for (const [name, page] of pages) {
        for (const line of page.headers.getSetCookie()) {
          const [pair, ...rest] = line.split(';');
          const attributes = rest.map((attribute) => attribute.trim().toLowerCase());
          names.add(pair.split('=')[0]);
          expect({ name, line, secure: attributes.includes('secure'), httpOnly: attributes.includes('httponly'), lax: attributes.includes('samesite=lax'), path: attributes.includes('path=/'), host: pair.startsWith('__Host-') })
            .toEqual({ name, line, secure: true, httpOnly: true, lax: true, path: true, host: true });
        }
      }
      expect([...names].sort()).toEqual(['__Host-csrf', '__Host-sid']);
    });

    it('RFC 9700 §4.15: pages forbid framing here too', () => {
      for (const [name, page] of pages) {
        if (page.status === 303) continue;
        expect({ name, xfo: page.headers.get('x-frame-options'), csp: page.headers.get('content-security-policy') })
          .toEqual({ name, xfo: 'DENY', csp: expect.stringContaining("frame-ancestors 'none'") });
      }
    });
  });
});
