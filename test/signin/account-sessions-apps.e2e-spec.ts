import { hiddenField } from '../support/browser-session';
import { authorize, authorizeUrl, callbackParams, createPerson, pkce, redeemCode, registerWebClient, RegisteredClient, tokenRequest } from '../support/sign-in';
import { authorizeWithNewPkce, useAccountPage } from './account-fixture';

/** The account page's sessions and apps: ending sessions, withdrawing consents, and what each ends. */
describe('account page: sessions and apps', () => {
  const { ctx, db, signIn, submit, isSignedIn, auditActions } = useAccountPage();

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
});
