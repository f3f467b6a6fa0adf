import { useTestServer } from '../support/server-fixture';
import { decodeJwt } from '../support/http';
import { BrowserSession, PageResult, submitLogin } from '../support/browser-session';
import { authorize, authorizeWithPkce, CALLBACK, callbackParams, createPerson, redeemCode, registerOrdersAndBillingApis, registerWebClient, RegisteredClient, signInThroughCodeFlow, tokenRequest } from '../support/sign-in';

type Person = Awaited<ReturnType<typeof createPerson>>;

const ORDERS = 'https://orders.bindings.example.com';
const BILLING = 'https://billing.bindings.example.com';

describe('authorization request bindings: resource and id_token_hint are remembered', () => {
  const ctx = useTestServer();
  let client: RegisteredClient;

  beforeAll(async () => {
    await registerOrdersAndBillingApis(ctx.admin, { orders: ORDERS, billing: BILLING });
    // First party, so a signed-in person gets the code without a consent page; it may target both APIs.
    client = await registerWebClient(ctx.admin, { first_party: true, scope: 'openid profile email offline_access orders:read billing:read' });
  });

  const authorizeWith = (params: Record<string, string> = {}) => authorizeWithPkce(client.client_id, params);

  /** A code issued through the sign-in page for `params`, with the verifier that redeems it. */
  async function codeFor(params: Record<string, string>, person?: Person): Promise<{ code: string; verifier: string }> {
    const { url, verifier } = authorizeWith(params);
    const page = await authorize(new BrowserSession(ctx.server.baseUrl), url, person ?? (await createPerson(ctx.admin)));
    const code = callbackParams(page).get('code');
    expect(code).toBeTruthy();
    return { code: code!, verifier };
  }

  function redeem(code: string, verifier: string, extra: Record<string, string> = {}) {
    return tokenRequest(ctx.server.baseUrl, client, { grant_type: 'authorization_code', code, redirect_uri: CALLBACK, code_verifier: verifier, ...extra });
  }

  function audienceOf(accessToken: string): unknown {
    return decodeJwt(accessToken).payload.aud;
  }

  describe('resource (RFC 8707 §2.2): the code is bound to the resource it was issued for', () => {
    const forOrders = { resource: ORDERS, scope: 'openid orders:read billing:read' };

    it('redeemed without resource: the access token targets the code resource, narrowed to its scopes', async () => {
      const { code, verifier } = await codeFor(forOrders);
      const tokens = await redeem(code, verifier);
      expect(tokens.status).toBe(200);
      expect(audienceOf(tokens.body.access_token)).toBe(ORDERS);
      expect(tokens.body.scope.split(' ').sort()).toEqual(['openid', 'orders:read']);
    });

    it('redeemed naming the same resource: ok', async () => {
      const { code, verifier } = await codeFor(forOrders);
      const tokens = await redeem(code, verifier, { resource: ORDERS });
      expect(tokens.status).toBe(200);
      expect(audienceOf(tokens.body.access_token)).toBe(ORDERS);
    });

    it('redeemed for another resource the client may target: invalid_target, and the code is spent', async () => {
      const { code, verifier } = await codeFor(forOrders);
      const refused = await redeem(code, verifier, { resource: BILLING });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('invalid_target');
      expect(refused.body.access_token).toBeUndefined();
      // As with every failed check on a code, it cannot be tried again.
      expect((await redeem(code, verifier, { resource: ORDERS })).body.error).toBe('invalid_grant');
    });

    it('redeemed for the default audience: invalid_target too', async () => {
      const { code, verifier } = await codeFor(forOrders);
      expect((await redeem(code, verifier, { resource: ctx.server.config.defaultAudience })).body.error).toBe('invalid_target');
    });

    it('the binding also holds for a code issued at once to a signed-in person', async () => {
      const person = await createPerson(ctx.admin);
      const browser = new BrowserSession(ctx.server.baseUrl);
      await authorize(browser, authorizeWith().url, person);
      const { url, verifier } = authorizeWith({ ...forOrders, prompt: 'none' });
      const code = callbackParams(await browser.get(url)).get('code')!;
      const tokens = await redeem(code, verifier);
      expect(tokens.status).toBe(200);
      expect(audienceOf(tokens.body.access_token)).toBe(ORDERS);
    });

    it('a code issued without resource is redeemed as before: the token request chooses the target', async () => {
      const scope = { scope: 'openid orders:read billing:read' };
      const plain = await codeFor(scope);
      const defaultTokens = await redeem(plain.code, plain.verifier);
      expect(defaultTokens.status).toBe(200);
      expect(audienceOf(defaultTokens.body.access_token)).toBe(ctx.server.config.defaultAudience);
      const chosen = await codeFor(scope);
      const billingTokens = await redeem(chosen.code, chosen.verifier, { resource: BILLING });
      expect(billingTokens.status).toBe(200);
      expect(audienceOf(billingTokens.body.access_token)).toBe(BILLING);
    });
  });

  describe('id_token_hint (OIDC Core §3.1.2.1): whoever signs in must be the hinted person', () => {
    const signedIn = (person: Person) => signInThroughCodeFlow(ctx.server.baseUrl, client, person);

    /** Starts `url` in `browser`, expects the sign-in page, and signs in there as `person`. */
    async function signInThroughPage(browser: BrowserSession, url: string, person: Person): Promise<{ resumeUrl: string; done: PageResult }> {
      const start = await browser.get(url);
      expect(start.status).toBe(303);
      expect(start.location).toMatch(/^\/login\?return_to=%2Foauth2%2Fauthorize%2Fresume/);
      const submitted = await submitLogin(browser, await browser.follow(start), person.username, person.password);
      return { resumeUrl: submitted.location!, done: await browser.follow(submitted) };
    }

    function expectLoginRequired(page: PageResult): void {
      expect(page.status).toBe(303);
      expect(page.location!.startsWith(`${CALLBACK}?`)).toBe(true);
      const callback = callbackParams(page);
      expect(callback.get('error')).toBe('login_required');
      expect(callback.get('state')).toBe('st-123');
      expect(callback.get('iss')).toBe(ctx.server.config.issuer);
      expect(callback.get('code')).toBeNull();
    }

    async function subjectOf(page: PageResult, verifier: string): Promise<string> {
      const code = callbackParams(page).get('code');
      expect(code).toBeTruthy();
      const tokens = await redeemCode(ctx.server.baseUrl, client, code!, verifier);
      return decodeJwt(tokens.body.id_token!).payload.sub as string;
    }

    it('someone else signed in, then a third person signs in on the sign-in page: login_required, no code', async () => {
      const { idToken } = await signedIn(await createPerson(ctx.admin));
      const { browser } = await signedIn(await createPerson(ctx.admin));
      const stranger = await createPerson(ctx.admin);
      const { done } = await signInThroughPage(browser, authorizeWith({ id_token_hint: idToken }).url, stranger);
      expectLoginRequired(done);
    });

    it('the person who signed in keeps their session; the refused request is finished', async () => {
      const { idToken } = await signedIn(await createPerson(ctx.admin));
      const browser = new BrowserSession(ctx.server.baseUrl);
      const stranger = await createPerson(ctx.admin);
      const { resumeUrl, done } = await signInThroughPage(browser, authorizeWith({ id_token_hint: idToken }).url, stranger);
      expectLoginRequired(done);
      // The same request cannot be resumed into a code afterwards.
      const again = await browser.get(resumeUrl);
      expect(again.status).toBe(400);
      expect(again.location).toBeUndefined();
      // A request without the hint is answered at once for the person now signed in.
      const { url, verifier } = authorizeWith({ prompt: 'none' });
      expect(await subjectOf(await browser.get(url), verifier)).toBe(stranger.id);
    });

    it('nobody signed in, someone other than the hinted person signs in: login_required', async () => {
      const { idToken } = await signedIn(await createPerson(ctx.admin));
      const { done } = await signInThroughPage(new BrowserSession(ctx.server.baseUrl), authorizeWith({ id_token_hint: idToken }).url, await createPerson(ctx.admin));
      expectLoginRequired(done);
    });

    it('someone else signed in, then the hinted person signs in: the code is theirs', async () => {
      const hinted = await createPerson(ctx.admin);
      const { idToken } = await signedIn(hinted);
      const { browser } = await signedIn(await createPerson(ctx.admin));
      const { url, verifier } = authorizeWith({ id_token_hint: idToken });
      const { done } = await signInThroughPage(browser, url, hinted);
      expect(await subjectOf(done, verifier)).toBe(hinted.id);
    });

    it('prompt=login without a hint still lets any person sign in and get the code', async () => {
      const { browser } = await signedIn(await createPerson(ctx.admin));
      const other = await createPerson(ctx.admin);
      const { url, verifier } = authorizeWith({ prompt: 'login' });
      const { done } = await signInThroughPage(browser, url, other);
      expect(await subjectOf(done, verifier)).toBe(other.id);
    });

    it('a consent page is not shown to the wrong person: login_required comes first', async () => {
      const thirdParty = await registerWebClient(ctx.admin);
      const hinted = await createPerson(ctx.admin);
      const { idToken } = await signedIn(hinted);
      const { url } = authorizeWithPkce(thirdParty.client_id, { id_token_hint: idToken });
      const { done } = await signInThroughPage(new BrowserSession(ctx.server.baseUrl), url, await createPerson(ctx.admin));
      expectLoginRequired(done);
    });
  });
});
