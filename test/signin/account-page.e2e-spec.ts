import { DataSource } from 'typeorm';
import { TotpService } from '@app/users';
import { AdminApi } from '../support/admin';
import { useTestServer } from '../support/server-fixture';
import { freePort, startTestServer, TestServer } from '../support/test-server';
import { totpCode } from '../support/totp';
import { BrowserSession, decodeEntities, hiddenField, PageResult, submitLogin } from '../support/browser-session';
import {
  authorize,
  authorizeUrl,
  callbackParams,
  createPerson,
  pkce,
  redeemCode,
  registerWebClient,
  RegisteredClient,
  tokenRequest,
} from '../support/sign-in';

type Person = { id: string; username: string; password: string };

/** The self-service account page: signed in through the SSO session, every form CSRF-protected. */
describe('account page', () => {
  const ctx = useTestServer();
  const db = () => ctx.server.app.get(DataSource);

  async function signIn(person: { username: string; password: string }): Promise<BrowserSession> {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const login = await browser.get('/login');
    const result = await submitLogin(browser, login, person.username, person.password);
    expect(result.status).toBe(303);
    return browser;
  }

  /**
   * Opens an account page and submits one of its forms with this browser's account CSRF token (every
   * account form shares it; the password page always has a form to read it from).
   */
  async function submit(browser: BrowserSession, page: string, action: string, fields: Record<string, string> = {}): Promise<PageResult> {
    expect((await browser.get(page)).status).toBe(200);
    return browser.post(action, { csrf_token: await csrfToken(browser), ...fields });
  }

  async function csrfToken(browser: BrowserSession): Promise<string> {
    return hiddenField((await browser.get('/account/password')).text, 'csrf_token');
  }

  async function isSignedIn(browser: BrowserSession): Promise<boolean> {
    const page = await browser.get('/account');
    if (page.status === 303) return false;
    expect(page.status).toBe(200);
    return true;
  }

  async function auditActions(userId: string): Promise<string[]> {
    const response = await ctx.admin.get<{ items: Array<{ action: string }> }>(`/admin/v1/events?actor_id=${userId}&limit=100`);
    expect(response.status).toBe(200);
    return response.body.items.map((event) => event.action);
  }

  /** Moves the browser's sign-in back in time, past what changes to sign-in methods accept. */
  async function ageSignIn(person: Person, minutes: number): Promise<void> {
    await db().query(`UPDATE sso_sessions SET auth_time = auth_time - make_interval(mins => $2) WHERE user_id = $1`, [person.id, minutes]);
  }

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

  describe('sessions', () => {
    it('lists the person\'s own sessions with their level and methods, and marks this browser', async () => {
      const person = await createPerson(ctx.admin);
      const stranger = await createPerson(ctx.admin);
      await signIn(stranger);
      await signIn(person);
      const browser = await signIn(person);
      const page = await browser.get('/account/sessions');
      expect(page.status).toBe(200);
      expect(page.text.match(/<tr><td>/g)).toHaveLength(2);
      expect(page.text).toContain('This browser');
      expect(page.text).toContain('Password');
      const rows: Array<{ user_agent: string | null; ip: string | null }> = await db().query(`SELECT user_agent, ip FROM sso_sessions WHERE user_id = $1`, [person.id]);
      expect(rows.every((row) => row.ip === '127.0.0.1')).toBe(true);
    });

    it('ends another session of the person: its cookie no longer counts', async () => {
      const person = await createPerson(ctx.admin);
      const other = await signIn(person);
      const browser = await signIn(person);
      const page = await browser.get('/account/sessions');
      const result = await browser.post('/account/sessions/end', { csrf_token: hiddenField(page.text, 'csrf_token'), session_id: hiddenField(page.text, 'session_id') });
      expect(result.status).toBe(303);
      expect(result.location).toBe('/account/sessions?done=session-ended');
      expect(await isSignedIn(other)).toBe(false);
      expect(await isSignedIn(browser)).toBe(true);
      expect(await auditActions(person.id)).toContain('account.session_ended');
    });

    it('refuses to end someone else\'s session, an unknown one, or a malformed id', async () => {
      const person = await createPerson(ctx.admin);
      const stranger = await createPerson(ctx.admin);
      const strangers = await signIn(stranger);
      const [{ id: strangerSession }]: Array<{ id: string }> = await db().query(`SELECT id FROM sso_sessions WHERE user_id = $1 AND ended_at IS NULL`, [stranger.id]);
      const browser = await signIn(person);
      for (const sessionId of [strangerSession, '00000000-0000-4000-8000-000000000000', 'not-a-uuid', '']) {
        const result = await submit(browser, '/account/sessions', '/account/sessions/end', { session_id: sessionId });
        expect(result.status).toBe(404);
        expect(result.text).toContain('not one of your other live sessions');
      }
      expect(await isSignedIn(strangers)).toBe(true);
    });

    it('ends every other session of the person and keeps this one', async () => {
      const person = await createPerson(ctx.admin);
      const others = [await signIn(person), await signIn(person)];
      const stranger = await signIn(await createPerson(ctx.admin));
      const browser = await signIn(person);
      const result = await submit(browser, '/account/sessions', '/account/sessions/end-others');
      expect(result.status).toBe(303);
      for (const other of others) expect(await isSignedIn(other)).toBe(false);
      expect(await isSignedIn(browser)).toBe(true);
      expect(await isSignedIn(stranger)).toBe(true);
      expect((await browser.get('/account/sessions')).text).toContain('not signed in anywhere else');
    });
  });

  describe('apps', () => {
    let client: RegisteredClient;

    beforeAll(async () => {
      client = await registerWebClient(ctx.admin);
    });

    it('lists the apps consented to and revokes one: consent is asked again and its refresh token stops working', async () => {
      const person = await createPerson(ctx.admin);
      const browser = await signIn(person);
      const { verifier, challenge } = pkce();
      const url = authorizeUrl(client.client_id, { code_challenge: challenge, code_challenge_method: 'S256', scope: 'openid offline_access' });
      const code = callbackParams(await authorize(browser, url)).get('code')!;
      const tokens = (await redeemCode(ctx.server.baseUrl, client, code, verifier)).body;

      const apps = await browser.get('/account/apps');
      expect(apps.text).toContain('Orders &lt;web&gt; app');
      expect(apps.text).toContain('<code>offline_access</code>');
      const result = await browser.post('/account/apps/revoke', { csrf_token: hiddenField(apps.text, 'csrf_token'), client_id: client.client_id });
      expect(result.status).toBe(303);
      expect(result.location).toBe('/account/apps?done=app-revoked');
      expect((await browser.get('/account/apps')).text).toContain('not allowed any app');

      const refreshed = await tokenRequest(ctx.server.baseUrl, client, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! });
      expect(refreshed.body.error).toBe('invalid_grant');
      const again = await browser.follow(await browser.get(authorizeWithNewPkce(client)));
      expect(again.text).toContain('action="/oauth2/consent"');
      expect(await auditActions(person.id)).toContain('account.consent_revoked');
    });

    it('refuses to revoke an app the person never allowed', async () => {
      const browser = await signIn(await createPerson(ctx.admin));
      for (const clientId of [client.client_id, 'no-such-client', '']) {
        const result = await submit(browser, '/account/apps', '/account/apps/revoke', { client_id: clientId });
        expect(result.status).toBe(404);
      }
    });
  });

  describe('sign-in methods and recovery codes', () => {
    interface Enrolled {
      factorId: string;
      secret: string;
    }

    /**
     * An authenticator app enrolled for the person, confirmed with a code of the previous time step computed
     * by the test's own TOTP, so that the codes of this step and the next are left for step-ups.
     */
    async function enrollTotp(person: Person): Promise<Enrolled> {
      const totp = ctx.server.app.get(TotpService);
      const enrollment = await totp.begin(person.id, person.username);
      expect(await totp.confirm(person.id, enrollment.factorId, totpCode(enrollment.secret, Date.now(), -1), 'Phone app')).toBe(true);
      return { factorId: enrollment.factorId, secret: enrollment.secret };
    }

    /** Proves the second factor in this browser's session, as the page it is sent to asks. */
    async function stepUp(browser: BrowserSession, detour: PageResult, code: string): Promise<void> {
      const page = await browser.follow(detour);
      expect(page.url).toContain('/login/second-factor');
      const result = await browser.post('/login/second-factor', { csrf_token: hiddenField(page.text, 'csrf_token'), return_to: hiddenField(page.text, 'return_to'), code });
      expect(result.status).toBe(303);
    }

    async function factorCount(person: Person): Promise<number> {
      const rows: Array<{ count: string }> = await db().query(`SELECT count(*) AS count FROM authentication_factors WHERE user_id = $1`, [person.id]);
      return Number(rows[0].count);
    }

    it('lists the factors with links to add a passkey or an authenticator app', async () => {
      const person = await createPerson(ctx.admin);
      await enrollTotp(person);
      const page = await (await signIn(person)).get('/account/factors');
      expect(page.status).toBe(200);
      expect(page.text).toContain('value="Phone app"');
      expect(page.text).toContain('Authenticator app');
      expect(page.text).toContain('href="/account/factors/passkey/new?return_to=%2Faccount%2Ffactors"');
      expect(page.text).toContain('href="/account/factors/totp/new?return_to=%2Faccount%2Ffactors"');
      expect(page.text).toContain('confirm it is you first');
    });

    it('a password-only session proves a second factor first, then renames and removes', async () => {
      const person = await createPerson(ctx.admin);
      const { factorId, secret } = await enrollTotp(person);
      const browser = await signIn(person);
      const detour = await submit(browser, '/account/factors', '/account/factors/rename', { factor_id: factorId, label: 'Work phone' });
      expect(detour.status).toBe(303);
      expect(detour.location).toBe(`/login/second-factor?${new URLSearchParams({ return_to: '/account/factors', acr: 'mfa' })}`);
      expect((await browser.get('/account/factors')).text).toContain('value="Phone app"');
      await stepUp(browser, detour, totpCode(secret));

      const renamed = await submit(browser, '/account/factors', '/account/factors/rename', { factor_id: factorId, label: '  Work phone ' });
      expect(renamed.status).toBe(303);
      expect(renamed.location).toBe('/account/factors?done=factor-renamed');
      expect((await browser.get('/account/factors')).text).toContain('value="Work phone"');
      const removed = await submit(browser, '/account/factors', '/account/factors/remove', { factor_id: factorId });
      expect(removed.status).toBe(303);
      expect(removed.location).toBe('/account/factors?done=factor-removed');
      expect(await factorCount(person)).toBe(0);
      const actions = await auditActions(person.id);
      expect(actions).toContain('account.factor_renamed');
      expect(actions).toContain('account.factor_removed');
    });

    it('asks for a fresh sign-in before removing or renaming when the last one is older than five minutes', async () => {
      const person = await createPerson(ctx.admin);
      const { factorId, secret } = await enrollTotp(person);
      const browser = await signIn(person);
      await stepUp(browser, await submit(browser, '/account/factors', '/account/factors/remove', { factor_id: factorId }), totpCode(secret));
      await ageSignIn(person, 6);
      for (const [action, fields] of [['remove', { factor_id: factorId }], ['rename', { factor_id: factorId, label: 'Stolen' }]] as const) {
        const result = await submit(browser, '/account/factors', `/account/factors/${action}`, fields);
        expect(result.status).toBe(303);
        const location = new URL(result.location!, ctx.server.baseUrl);
        expect(location.pathname).toBe('/login');
        expect(location.searchParams.get('return_to')).toBe('/account/factors');
        expect(location.searchParams.get('reauth')).toBe('1');
      }
      expect(await factorCount(person)).toBe(1);
      expect((await browser.get('/account/factors')).text).toContain('value="Phone app"');
    });

    it('refuses a factor of someone else, an unknown or malformed id and an empty name', async () => {
      const person = await createPerson(ctx.admin);
      const own = await enrollTotp(person);
      const stranger = await createPerson(ctx.admin);
      const strangers = await enrollTotp(stranger);
      const browser = await signIn(person);
      await stepUp(browser, await submit(browser, '/account/factors', '/account/factors/remove', { factor_id: own.factorId }), totpCode(own.secret));
      for (const factorId of [strangers.factorId, '00000000-0000-4000-8000-000000000000', 'nope']) {
        expect((await submit(browser, '/account/factors', '/account/factors/remove', { factor_id: factorId })).status).toBe(404);
      }
      expect((await submit(browser, '/account/factors', '/account/factors/rename', { factor_id: own.factorId, label: '   ' })).status).toBe(400);
      expect(await factorCount(stranger)).toBe(1);
      expect(await factorCount(person)).toBe(1);
    });

    it('regenerates ten recovery codes shown once, after a fresh second factor, and counts those left', async () => {
      const person = await createPerson(ctx.admin);
      const browser = await signIn(person);
      expect((await browser.get('/account/recovery-codes')).text).toContain('Add a <a');
      expect((await submit(browser, '/account/recovery-codes', '/account/recovery-codes')).status).toBe(409);
      const { secret } = await enrollTotp(person);

      const detour = await submit(browser, '/account/recovery-codes', '/account/recovery-codes');
      expect(detour.status).toBe(303);
      expect(detour.location).toMatch(/^\/login\/second-factor\?/);
      await stepUp(browser, detour, totpCode(secret));
      await ageSignIn(person, 6);
      const stale = await submit(browser, '/account/recovery-codes', '/account/recovery-codes');
      expect(stale.status).toBe(303);
      expect(stale.location).toMatch(/^\/login\?.*reauth=1/);

      await db().query(`UPDATE sso_sessions SET auth_time = now() WHERE user_id = $1`, [person.id]);
      const result = await submit(browser, '/account/recovery-codes', '/account/recovery-codes');
      expect(result.status).toBe(200);
      expect(result.headers.get('cache-control')).toBe('no-store');
      const codes = [...result.text.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((match) => match[1]);
      expect(codes).toHaveLength(10);
      expect(result.text).toContain('earlier codes no longer work');
      expect((await browser.get('/account/recovery-codes')).text).toContain('You have 10 unused recovery codes.');
      expect(await auditActions(person.id)).toContain('account.recovery_codes_regenerated');

      // A new code works where a second factor is asked for, once.
      const fresh = await signIn(person);
      await stepUp(fresh, await submit(fresh, '/account/recovery-codes', '/account/recovery-codes'), codes[0]);
      expect((await fresh.get('/account/recovery-codes')).text).toContain('You have 9 unused recovery codes.');
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

function authorizeWithNewPkce(client: RegisteredClient): string {
  const { challenge } = pkce();
  return authorizeUrl(client.client_id, { code_challenge: challenge, code_challenge_method: 'S256', scope: 'openid offline_access' });
}
