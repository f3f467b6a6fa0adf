import { SignJWT } from 'jose';
import { KeyStore } from '@app/tokens';
import { useTestServer } from '../support/server-fixture';
import { decodeJwt } from '../support/http';
import { BrowserSession, PageResult, submitLogin } from '../support/browser-session';
import { authorizeWithPkce, CALLBACK, callbackParams, createPerson, redeemCode, registerOrdersAndBillingApis, registerWebClient, RegisteredClient, signInThroughCodeFlow, tokenRequest } from '../support/sign-in';

type Person = Awaited<ReturnType<typeof createPerson>>;

describe('authorization endpoint: id_token_hint, prompt=select_account and resource', () => {
  const ctx = useTestServer();
  let client: RegisteredClient;

  beforeAll(async () => {
    // First party: no consent page, so a signed-in person gets the code straight away.
    client = await registerWebClient(ctx.admin, { first_party: true });
  });

  const authorizeWith = (params: Record<string, string> = {}, forClient = client) => authorizeWithPkce(forClient.client_id, params);
  const signedIn = (person: Person) => signInThroughCodeFlow(ctx.server.baseUrl, client, person);

  /** The subject of the ID token the code in `page` redeems for. */
  async function subjectOf(page: PageResult, verifier: string): Promise<string> {
    const code = callbackParams(page).get('code');
    expect(code).toBeTruthy();
    const tokens = await redeemCode(ctx.server.baseUrl, client, code!, verifier);
    return decodeJwt(tokens.body.id_token!).payload.sub as string;
  }

  function expectClientError(page: PageResult, error: string): URLSearchParams {
    expect(page.status).toBe(303);
    expect(page.location!.startsWith(`${CALLBACK}?`)).toBe(true);
    const callback = callbackParams(page);
    expect(callback.get('error')).toBe(error);
    expect(callback.get('state')).toBe('st-123');
    expect(callback.get('iss')).toBe(ctx.server.config.issuer);
    return callback;
  }

  function expectLoginPage(page: PageResult): void {
    expect(page.status).toBe(303);
    expect(page.location).toMatch(/^\/login\?return_to=%2Foauth2%2Fauthorize%2Fresume/);
  }

  /** Signs `idToken`'s claims, changed by `changes`, with the server's own active key. */
  async function signedByUs(idToken: string, changes: Record<string, unknown>): Promise<string> {
    const key = ctx.server.app.get(KeyStore).activeKey();
    return new SignJWT({ ...decodeJwt(idToken).payload, ...changes }).setProtectedHeader({ alg: key.alg, typ: 'JWT', kid: key.kid }).sign(key.privateKey);
  }

  describe('id_token_hint (OIDC Core §3.1.2.1)', () => {
    it('naming the signed-in person: the code is issued, also with prompt=none', async () => {
      const person = await createPerson(ctx.admin);
      const { browser, idToken } = await signedIn(person);
      const { url, verifier } = authorizeWith({ id_token_hint: idToken, prompt: 'none' });
      expect(await subjectOf(await browser.get(url), verifier)).toBe(person.id);
    });

    it('an expired hint still names the person: exp is not checked', async () => {
      const person = await createPerson(ctx.admin);
      const { browser, idToken } = await signedIn(person);
      const now = Math.floor(Date.now() / 1000);
      const expired = await signedByUs(idToken, { iat: now - 7200, exp: now - 3600 });
      const { url, verifier } = authorizeWith({ id_token_hint: expired, prompt: 'none' });
      expect(await subjectOf(await browser.get(url), verifier)).toBe(person.id);
    });

    it('a hint we did not issue is invalid_request, redirected with state and iss', async () => {
      const person = await createPerson(ctx.admin);
      const { browser, idToken } = await signedIn(person);
      const [, payload] = idToken.split('.');
      const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
      const [header, body, signature] = idToken.split('.');
      const tampered = `${header}.${Buffer.from(JSON.stringify({ ...decodeJwt(idToken).payload, sub: 'someone-else' })).toString('base64url')}.${signature}`;
      const foreignIssuer = await signedByUs(idToken, { iss: 'https://evil.example' });
      for (const hint of ['not-a-jwt', unsigned, tampered, foreignIssuer, `${header}.${body}`]) {
        expectClientError(await browser.get(authorizeWith({ id_token_hint: hint }).url), 'invalid_request');
      }
    });

    it('an invalid hint is refused before anything else, also for a browser nobody signed in with', async () => {
      const response = await new BrowserSession(ctx.server.baseUrl).get(authorizeWith({ id_token_hint: 'a.b.c' }).url);
      expectClientError(response, 'invalid_request');
    });

    it('naming someone other than the signed-in person, with prompt=none: login_required', async () => {
      const { idToken } = await signedIn(await createPerson(ctx.admin));
      const { browser } = await signedIn(await createPerson(ctx.admin));
      expectClientError(await browser.get(authorizeWith({ id_token_hint: idToken, prompt: 'none' }).url), 'login_required');
    });

    it('naming someone other than the signed-in person: the sign-in page, then the code for the account chosen there', async () => {
      const hinted = await createPerson(ctx.admin);
      const { idToken } = await signedIn(hinted);
      const { browser } = await signedIn(await createPerson(ctx.admin));
      const { url, verifier } = authorizeWith({ id_token_hint: idToken });
      const start = await browser.get(url);
      expectLoginPage(start);
      const loginPage = await browser.follow(start);
      const done = await browser.follow(await submitLogin(browser, loginPage, hinted.username, hinted.password));
      expect(await subjectOf(done, verifier)).toBe(hinted.id);
    });

    it('with nobody signed in, the hint leads to the sign-in page as usual', async () => {
      const { idToken } = await signedIn(await createPerson(ctx.admin));
      expectLoginPage(await new BrowserSession(ctx.server.baseUrl).get(authorizeWith({ id_token_hint: idToken }).url));
    });
  });

  describe('prompt=select_account (OIDC Core §3.1.2.1)', () => {
    it('shows the sign-in page to a signed-in person, who may continue as another account', async () => {
      const { browser } = await signedIn(await createPerson(ctx.admin));
      const other = await createPerson(ctx.admin);
      const { url, verifier } = authorizeWith({ prompt: 'select_account' });
      const start = await browser.get(url);
      expectLoginPage(start);
      const loginPage = await browser.follow(start);
      const done = await browser.follow(await submitLogin(browser, loginPage, other.username, other.password));
      expect(await subjectOf(done, verifier)).toBe(other.id);
    });

    it('combined with consent, still asks for the account first', async () => {
      const { browser } = await signedIn(await createPerson(ctx.admin));
      expectLoginPage(await browser.get(authorizeWith({ prompt: 'select_account consent' }).url));
    });

    it('prompt=none cannot be combined with it: invalid_request', async () => {
      const { browser } = await signedIn(await createPerson(ctx.admin));
      expectClientError(await browser.get(authorizeWith({ prompt: 'none select_account' }).url), 'invalid_request');
      expectClientError(await browser.get(authorizeWith({ prompt: 'select_account none' }).url), 'invalid_request');
    });
  });

  describe('resource (RFC 8707 §2)', () => {
    const ORDERS = 'https://orders.example.com';
    let ordersClient: RegisteredClient;

    beforeAll(async () => {
      await registerOrdersAndBillingApis(ctx.admin, { orders: ORDERS, billing: 'https://billing.example.com' });
      ordersClient = await registerWebClient(ctx.admin, { first_party: true });
    });

    it.each([
      ['an unknown API', 'https://unknown.example.com'],
      ['a fragment', 'https://orders.example.com#x'],
      ['a relative reference', '/orders'],
      ['not a URI', 'not a uri'],
      ['an API the client has no scope of', 'https://billing.example.com'],
    ])('%s is invalid_target, redirected with state and iss', async (_name, resource) => {
      const response = await new BrowserSession(ctx.server.baseUrl).get(authorizeWith({ resource }, ordersClient).url);
      expectClientError(response, 'invalid_target');
    });

    it('several resources at once are invalid_target, not invalid_request', async () => {
      const { url } = authorizeWith({}, ordersClient);
      const twice = `${url}&resource=${encodeURIComponent(ORDERS)}&resource=${encodeURIComponent('https://billing.example.com')}`;
      expectClientError(await new BrowserSession(ctx.server.baseUrl).get(twice), 'invalid_target');
    });

    it('is checked before the code is issued to a signed-in person', async () => {
      const { browser } = await signedIn(await createPerson(ctx.admin));
      expectClientError(await browser.get(authorizeWith({ resource: 'https://unknown.example.com', prompt: 'none' }).url), 'invalid_target');
    });

    it('a registered API the client may target: the flow goes on, and the code is redeemed for it', async () => {
      const person = await createPerson(ctx.admin);
      const browser = new BrowserSession(ctx.server.baseUrl);
      const { url, verifier } = authorizeWith({ resource: ORDERS, scope: 'openid orders:read' }, ordersClient);
      const start = await browser.get(url);
      expectLoginPage(start);
      const page = await browser.follow(await submitLogin(browser, await browser.follow(start), person.username, person.password));
      const code = callbackParams(page).get('code')!;
      const tokens = await tokenRequest(ctx.server.baseUrl, ordersClient, { grant_type: 'authorization_code', code, redirect_uri: CALLBACK, code_verifier: verifier, resource: ORDERS });
      expect(tokens.status).toBe(200);
      expect(decodeJwt(tokens.body.access_token).payload.aud).toBe(ORDERS);
    });
  });
});
