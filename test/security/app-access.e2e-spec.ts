import { useTestServer } from '../support/server-fixture';
import { basicAuth, decodeJwt, postForm } from '../support/http';
import { BrowserSession, PageResult, submitLogin } from '../support/browser-session';
import { decide, DeviceClient, enterCode, poll, registerDeviceClient, startOk } from '../support/device';
import { createGroup, patchClient, putInGroup, registerApi, takeOutOfGroup, uniqueGroupName } from '../support/groups';
import { expectEnded, OPAQUE_API_SCOPE, refresh, registerOpaqueApi, signInAndHold } from '../support/held-tokens';
import {
  authorize, authorizeWithPkce, callbackParams, CALLBACK, createPerson, introspect, redeemCode, registerWebClient, RegisteredClient,
} from '../support/sign-in';

type Person = { id: string; username: string; password: string };

/**
 * A client with allowed_groups admits only the people of those groups (directly or through a group inside
 * one): everyone else gets no code, no device approval and no refreshed token, however they arrive. An
 * API's allowed_groups and allowed_clients refuse tokens for it with invalid_target (RFC 8707 §2).
 */
describe('per-application access: allowed_groups and allowed_clients', () => {
  const ctx = useTestServer();
  const base = () => ctx.server.baseUrl;
  const staff = uniqueGroupName('staff');
  const payments = uniqueGroupName('team.payments');
  const contractors = uniqueGroupName('contractors');
  const groupIds: Record<string, string> = {};
  let webClient: RegisteredClient;
  let deviceClient: DeviceClient;

  beforeAll(async () => {
    for (const name of [staff, payments, contractors]) groupIds[name] = await createGroup(ctx.admin, name);
    // People of team.payments are staff through the group inside the group.
    await putInGroup(ctx.admin, groupIds[staff], groupIds[payments]);
    await registerOpaqueApi(ctx.admin);
    webClient = await registerWebClient(ctx.admin, { scope: `openid profile email offline_access orders:read ${OPAQUE_API_SCOPE}`, allowed_groups: [staff] });
    deviceClient = await registerDeviceClient(ctx.admin, { allowed_groups: [staff] });
  });

  /** A new person in `group`: each test changes memberships of its own people only. */
  async function personIn(group: string): Promise<Person> {
    const person = await createPerson(ctx.admin);
    await putInGroup(ctx.admin, groupIds[group], person.id);
    return person;
  }

  /** A browser with an SSO session of `person`, signed in without any client. */
  async function signedIn(person: Person): Promise<BrowserSession> {
    const browser = new BrowserSession(base());
    const result = await submitLogin(browser, await browser.get('/login?return_to=/device'), person.username, person.password);
    expect(result.status).toBe(303);
    return browser;
  }

  /** RFC 6749 §4.1.2.1 with RFC 9207: access_denied at the verified redirect URI, with state and iss, and no code. */
  function expectAccessDenied(result: PageResult): void {
    expect(result.status).toBe(303);
    expect(result.location?.startsWith(`${CALLBACK}?`)).toBe(true);
    const params = callbackParams(result);
    expect(params.get('error')).toBe('access_denied');
    expect(params.get('state')).toBe('st-123');
    expect(params.get('iss')).toBe(ctx.server.config.issuer);
    expect(params.has('code')).toBe(false);
  }

  describe('RFC 6749 §4.1.2.1: the authorization endpoint answers a person outside the groups with access_denied', () => {
    it('right after signing in, before any consent page', async () => {
      const outsider = await personIn(contractors);
      const browser = new BrowserSession(base());
      const login = await browser.follow(await browser.get(authorizeWithPkce(webClient.client_id).url));
      expect(login.text).toContain('action="/login"');
      const afterLogin = await browser.follow(await submitLogin(browser, login, outsider.username, outsider.password));
      // Straight from the sign-in to the client: the flow never sent the browser to /oauth2/consent.
      expect(afterLogin.url).toContain('/oauth2/authorize/resume');
      expectAccessDenied(afterLogin);
    });

    it('to a person already signed in (SSO session), at once', async () => {
      const browser = await signedIn(await personIn(contractors));
      expectAccessDenied(await browser.get(authorizeWithPkce(webClient.client_id).url));
    });

    it('with prompt=none (OIDC Core §3.1.2.1), rather than consent_required', async () => {
      const browser = await signedIn(await personIn(contractors));
      expectAccessDenied(await browser.get(authorizeWithPkce(webClient.client_id, { prompt: 'none' }).url));
    });

    it('to a person in no group at all', async () => {
      const browser = await signedIn(await createPerson(ctx.admin));
      expectAccessDenied(await browser.get(authorizeWithPkce(webClient.client_id).url));
    });

    it('a person inside through a nested group consents and gets a code that redeems', async () => {
      const insider = await personIn(payments);
      const { url, verifier } = authorizeWithPkce(webClient.client_id);
      const code = callbackParams(await authorize(new BrowserSession(base()), url, insider)).get('code');
      expect(code).toBeTruthy();
      expect((await redeemCode(base(), webClient, code!, verifier)).status).toBe(200);
    });

    it('a client without allowed_groups admits everyone', async () => {
      const open = await registerWebClient(ctx.admin, { first_party: true });
      const browser = await signedIn(await createPerson(ctx.admin));
      expect(callbackParams(await browser.get(authorizeWithPkce(open.client_id).url)).get('code')).toBeTruthy();
    });
  });

  describe('RFC 8628: the device verification page', () => {
    it('refuses a person outside the groups with a 403 page, and the device gets access_denied', async () => {
      const browser = await signedIn(await personIn(contractors));
      const started = await startOk(ctx.server, deviceClient);
      const page = await enterCode(browser, started.user_code);
      expect(page.status).toBe(403);
      expect(page.text).toContain('You do not have access to Living Room TV');
      expect(page.text).not.toContain('name="decision"');
      const polled = await poll(ctx.server, deviceClient, started.device_code);
      expect({ status: polled.status, error: polled.body.error }).toEqual({ status: 400, error: 'access_denied' });
    });

    it('lets a person inside through a nested group approve, and the device gets tokens', async () => {
      const browser = await signedIn(await personIn(payments));
      const started = await startOk(ctx.server, deviceClient);
      expect((await decide(browser, started.user_code, 'allow')).status).toBe(200);
      const polled = await poll(ctx.server, deviceClient, started.device_code);
      expect(polled.status).toBe(200);
      expect(polled.body.access_token).toBeTruthy();
    });
  });

  describe('the token endpoint, after the person lost access', () => {
    it('a code issued before is invalid_grant, and stays spent once access is back', async () => {
      const insider = await personIn(payments);
      const { url, verifier } = authorizeWithPkce(webClient.client_id);
      const code = callbackParams(await authorize(new BrowserSession(base()), url, insider)).get('code')!;
      await takeOutOfGroup(ctx.admin, groupIds[payments], insider.id);
      const refused = await redeemCode(base(), webClient, code, verifier);
      expect({ status: refused.status, error: refused.body.error }).toEqual({ status: 400, error: 'invalid_grant' });
      expect(refused.body.access_token).toBeUndefined();
      await putInGroup(ctx.admin, groupIds[payments], insider.id);
      expect((await redeemCode(base(), webClient, code, verifier)).body.error).toBe('invalid_grant');
    });

    it('RFC 8628 §3.5: an approved device code is access_denied, at this poll and the next', async () => {
      const insider = await personIn(payments);
      const started = await startOk(ctx.server, deviceClient);
      expect((await decide(await signedIn(insider), started.user_code, 'allow')).status).toBe(200);
      await takeOutOfGroup(ctx.admin, groupIds[payments], insider.id);
      for (let attempt = 0; attempt < 2; attempt++) {
        const polled = await poll(ctx.server, deviceClient, started.device_code);
        expect({ status: polled.status, error: polled.body.error, token: polled.body.access_token }).toEqual({ status: 400, error: 'access_denied', token: undefined });
      }
    });

    it('a refresh token is invalid_grant and its whole family is revoked: earlier tokens and the access tokens are dead', async () => {
      const insider = await personIn(payments);
      const bystander = await personIn(payments);
      const scope = `openid offline_access ${OPAQUE_API_SCOPE}`;
      // The code's refresh token was used for the opaque token: `held.refresh` is its successor in the family.
      const held = await signInAndHold(base(), webClient, insider, scope);
      const theirs = await signInAndHold(base(), webClient, bystander, scope);
      await takeOutOfGroup(ctx.admin, groupIds[payments], insider.id);

      const refused = await refresh(base(), webClient, held.refresh);
      expect({ status: refused.status, error: refused.body.error }).toEqual({ status: 400, error: 'invalid_grant' });
      // The revocation committed although the request failed: the JWT, the reference token and the
      // refresh token are inactive, userinfo refuses, and refreshing again is still invalid_grant.
      await expectEnded(base(), webClient, held);
      // Back in the group, the revoked family stays revoked.
      await putInGroup(ctx.admin, groupIds[payments], insider.id);
      expect((await refresh(base(), webClient, held.refresh)).body.error).toBe('invalid_grant');
      // Someone still inside keeps refreshing.
      expect((await refresh(base(), webClient, theirs.refresh)).status).toBe(200);
    });

    it('a refresh token of a client that started limiting access since is invalid_grant', async () => {
      const client = await registerWebClient(ctx.admin, { first_party: true });
      const person = await createPerson(ctx.admin);
      const { url, verifier } = authorizeWithPkce(client.client_id, { scope: 'openid offline_access' });
      const code = callbackParams(await authorize(new BrowserSession(base()), url, person)).get('code')!;
      const tokens = await redeemCode(base(), client, code, verifier);
      await patchClient(ctx.admin, client.client_id, { allowed_groups: [staff] });
      expect((await refresh(base(), client, tokens.body.refresh_token!)).body.error).toBe('invalid_grant');
      expect(await introspect(base(), client, tokens.body.access_token)).toEqual({ active: false });
    });
  });

  describe('RFC 8707 §2: an API with allowed_groups refuses a person outside them with invalid_target', () => {
    const payroll = 'https://payroll.app-access.example.com';
    let finance: string;
    let client: RegisteredClient;
    let tv: DeviceClient;

    beforeAll(async () => {
      finance = uniqueGroupName('finance');
      groupIds[finance] = await createGroup(ctx.admin, finance);
      await registerApi(ctx.admin, { identifier: payroll, name: 'Payroll', scopes: [{ name: 'payroll:read' }], allowed_groups: [finance] });
      client = await registerWebClient(ctx.admin, { first_party: true, scope: 'openid offline_access payroll:read' });
      tv = await registerDeviceClient(ctx.admin, { scope: 'openid payroll:read' });
    });

    const codeFor = async (person: Person, params: Record<string, string> = {}) => {
      const { url, verifier } = authorizeWithPkce(client.client_id, { scope: 'openid offline_access payroll:read', ...params });
      return { code: callbackParams(await authorize(new BrowserSession(base()), url, person)).get('code')!, verifier };
    };

    it('for a code bound to the API', async () => {
      const { code, verifier } = await codeFor(await createPerson(ctx.admin), { resource: payroll });
      const refused = await redeemCode(base(), client, code, verifier);
      expect({ status: refused.status, error: refused.body.error }).toEqual({ status: 400, error: 'invalid_target' });
    });

    it('for a code redeemed for the API, which stays redeemable without it; then for a refresh for it', async () => {
      const { code, verifier } = await codeFor(await createPerson(ctx.admin));
      const forPayroll = await postForm(`${base()}/oauth2/token`, { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: CALLBACK, resource: payroll }, { authorization: basicAuth(client.client_id, client.client_secret!) });
      expect({ status: forPayroll.status, error: forPayroll.body.error }).toEqual({ status: 400, error: 'invalid_target' });
      const tokens = await redeemCode(base(), client, code, verifier);
      expect(tokens.status).toBe(200);
      const refused = await refresh(base(), client, tokens.body.refresh_token!, { resource: payroll });
      expect({ status: refused.status, error: refused.body.error }).toEqual({ status: 400, error: 'invalid_target' });
      // The refusal rolled back: the same refresh token still works for the default audience.
      expect((await refresh(base(), client, tokens.body.refresh_token!)).status).toBe(200);
    });

    it('for a device code redeemed for the API, which stays redeemable without it', async () => {
      const person = await createPerson(ctx.admin);
      const started = await startOk(ctx.server, tv);
      expect((await decide(await signedIn(person), started.user_code, 'allow')).status).toBe(200);
      const auth = { client_id: tv.client_id, grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: started.device_code };
      const refused = await postForm(`${base()}/oauth2/token`, { ...auth, resource: payroll });
      expect({ status: refused.status, error: refused.body.error }).toEqual({ status: 400, error: 'invalid_target' });
      expect((await poll(ctx.server, tv, started.device_code)).status).toBe(200);
    });

    it('a person of the group gets a token for the API', async () => {
      const { code, verifier } = await codeFor(await personIn(finance), { resource: payroll });
      const tokens = await redeemCode(base(), client, code, verifier);
      expect(tokens.status).toBe(200);
      expect(decodeJwt(tokens.body.access_token).payload.aud).toBe(payroll);
    });
  });

  describe('RFC 8707 §2: an API with allowed_clients refuses client_credentials of any other client with invalid_target', () => {
    const ledger = 'https://ledger.app-access.example.com';
    const machine = (name: string) => ctx.admin.registerClient({ client_name: name, grant_types: ['client_credentials'], token_endpoint_auth_method: 'client_secret_basic', scope: 'ledger:read' });
    const tokenFor = (client: { client_id: string; client_secret?: string }, params: Record<string, string>) =>
      postForm(`${base()}/oauth2/token`, { grant_type: 'client_credentials', ...params }, { authorization: basicAuth(client.client_id, client.client_secret!) });

    it('the listed client gets its token; another is refused for the API but not for the default audience', async () => {
      const listed = await machine('Reporting');
      const other = await machine('Scraper');
      await registerApi(ctx.admin, { identifier: ledger, name: 'Ledger', scopes: [{ name: 'ledger:read' }], allowed_clients: [listed.client_id] });

      const granted = await tokenFor(listed, { resource: ledger });
      expect(granted.status).toBe(200);
      expect(decodeJwt(granted.body.access_token as string).payload.aud).toBe(ledger);
      const refused = await tokenFor(other, { resource: ledger });
      expect({ status: refused.status, error: refused.body.error }).toEqual({ status: 400, error: 'invalid_target' });
      expect(refused.headers.get('cache-control')).toBe('no-store');
      expect((await tokenFor(other, {})).status).toBe(200);
    });
  });
});
