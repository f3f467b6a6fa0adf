import { useTestServer } from '../support/server-fixture';
import { decide, poll, registerDeviceClient, startOk } from '../support/device';
import { BrowserSession, hiddenField, submitLogin } from '../support/browser-session';
import { authorize, authorizeWithPkce, callbackParams, createPerson, redeemCode, registerWebClient, RegisteredClient } from '../support/sign-in';
import { expectEnded, expectLive, OPAQUE_API_SCOPE, refresh, registerOpaqueApi, signInAndHold } from '../support/held-tokens';

const SCOPE = `openid profile ${OPAQUE_API_SCOPE}`;
const OFFLINE_SCOPE = `openid offline_access ${OPAQUE_API_SCOPE}`;

/**
 * Ending a session or a consent ends the tokens it produced: signing out (RP-Initiated Logout), signing a
 * person out everywhere, setting a new password and withdrawing a consent.
 */
describe('ending a session or a consent ends its tokens', () => {
  const ctx = useTestServer();
  let client: RegisteredClient;

  beforeAll(async () => {
    await registerOpaqueApi(ctx.admin);
    client = await registerWebClient(ctx.admin, { first_party: true, scope: `openid profile offline_access ${OPAQUE_API_SCOPE}` });
  });

  const base = () => ctx.server.baseUrl;

  describe('RP-Initiated Logout', () => {
    it('with an id_token_hint: the session\'s refresh and access tokens end; the person\'s other session keeps its own', async () => {
      const person = await createPerson(ctx.admin);
      const held = await signInAndHold(base(), client, person, SCOPE);
      const elsewhere = await signInAndHold(base(), client, person, SCOPE);

      const page = await held.browser.get(`/oauth2/logout?id_token_hint=${held.idToken}`);
      expect(page.text).toContain('Signed out');

      await expectEnded(base(), client, held);
      await expectLive(base(), client, elsewhere);
    });

    it('through the confirmation page: the session\'s tokens end', async () => {
      const held = await signInAndHold(base(), client, await createPerson(ctx.admin), SCOPE);
      const page = await held.browser.get(`/oauth2/logout?client_id=${client.client_id}`);
      const done = await held.browser.post('/oauth2/logout/confirm', { csrf_token: hiddenField(page.text, 'csrf_token'), client_id: client.client_id });
      expect(done.text).toContain('Signed out');
      await expectEnded(base(), client, held);
    });

    it('a code issued before signing out cannot be redeemed after', async () => {
      const person = await createPerson(ctx.admin);
      const browser = new BrowserSession(base());
      const held = await signInAndHold(base(), client, person, SCOPE, browser);
      const { url, verifier } = authorizeWithPkce(client.client_id, { scope: SCOPE });
      const code = callbackParams(await authorize(browser, url, person)).get('code')!;

      await browser.get(`/oauth2/logout?id_token_hint=${held.idToken}`);

      const redeemed = await redeemCode(base(), client, code, verifier);
      expect({ status: redeemed.status, error: redeemed.body.error }).toEqual({ status: 400, error: 'invalid_grant' });
    });

    it('a grant with offline_access outlives the session (OIDC Core §11): its refresh token still works', async () => {
      const held = await signInAndHold(base(), client, await createPerson(ctx.admin), OFFLINE_SCOPE);
      await held.browser.get(`/oauth2/logout?id_token_hint=${held.idToken}`);
      const refreshed = await refresh(base(), client, held.refresh);
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.refresh_token).toBeDefined();
    });
  });

  describe('administrator actions', () => {
    it('signing the person out everywhere ends every token of theirs, offline_access grants included', async () => {
      const person = await createPerson(ctx.admin);
      const held = await signInAndHold(base(), client, person, SCOPE);
      const offline = await signInAndHold(base(), client, person, OFFLINE_SCOPE);
      expect((await ctx.admin.send('DELETE', `/admin/v1/users/${person.id}/sessions`)).status).toBe(204);
      await expectEnded(base(), client, held);
      await expectEnded(base(), client, offline);
    });

    it('signing the person out everywhere denies a device sign-in they approved but the device has not picked up', async () => {
      const person = await createPerson(ctx.admin);
      const browser = new BrowserSession(base());
      const login = await browser.get('/login?return_to=/device');
      expect((await submitLogin(browser, login, person.username, person.password)).status).toBe(303);
      const device = await registerDeviceClient(ctx.admin);
      const started = await startOk(ctx.server, device);
      await decide(browser, started.user_code, 'allow');

      expect((await ctx.admin.send('DELETE', `/admin/v1/users/${person.id}/sessions`)).status).toBe(204);

      const polled = await poll(ctx.server, device, started.device_code);
      expect({ status: polled.status, error: polled.body.error }).toEqual({ status: 400, error: 'access_denied' });
    });

    it('a new password ends every token of the person', async () => {
      const person = await createPerson(ctx.admin);
      const held = await signInAndHold(base(), client, person, OFFLINE_SCOPE);
      expect((await ctx.admin.send('POST', `/admin/v1/users/${person.id}/password`, { password: 'a brand new password 42' })).status).toBe(204);
      await expectEnded(base(), client, held);
    });
  });

  describe('consent withdrawal', () => {
    // Third-party clients: the person consents on the consent page, so there are consents to withdraw.
    let first: RegisteredClient;
    let second: RegisteredClient;

    beforeAll(async () => {
      first = await registerWebClient(ctx.admin, { scope: `openid profile offline_access ${OPAQUE_API_SCOPE}` });
      second = await registerWebClient(ctx.admin, { scope: `openid profile offline_access ${OPAQUE_API_SCOPE}` });
    });

    it('for one client: what that client holds for the person ends; another client keeps its own', async () => {
      const person = await createPerson(ctx.admin);
      const browser = new BrowserSession(base());
      const heldByFirst = await signInAndHold(base(), first, person, OFFLINE_SCOPE, browser);
      const heldBySecond = await signInAndHold(base(), second, person, OFFLINE_SCOPE, browser);

      expect((await ctx.admin.send('DELETE', `/admin/v1/users/${person.id}/consents/${first.client_id}`)).status).toBe(204);

      await expectEnded(base(), first, heldByFirst);
      await expectLive(base(), second, heldBySecond);
    });

    it('for every client: what each consented client holds for the person ends', async () => {
      const person = await createPerson(ctx.admin);
      const browser = new BrowserSession(base());
      const heldByFirst = await signInAndHold(base(), first, person, OFFLINE_SCOPE, browser);
      const heldBySecond = await signInAndHold(base(), second, person, OFFLINE_SCOPE, browser);

      expect((await ctx.admin.send('DELETE', `/admin/v1/users/${person.id}/consents`)).status).toBe(204);

      await expectEnded(base(), first, heldByFirst);
      await expectEnded(base(), second, heldBySecond);
    });
  });
});
