import { useTestServer } from '../support/server-fixture';
import { decodeJwt, postForm } from '../support/http';
import { clientAuth, decide, DEVICE_GRANT, registerDeviceClient, signedInBrowser, startOk } from '../support/device';
import { BrowserSession } from '../support/browser-session';
import { authorize, authorizeUrl, CALLBACK, callbackParams, createPerson, pkce, registerOrdersAndBillingApis, registerWebClient, RegisteredClient, TokenSet, tokenRequest } from '../support/sign-in';

const ORDERS = 'https://orders.refresh-resource.example.com';
const BILLING = 'https://billing.refresh-resource.example.com';

describe('refresh tokens keep the resource of their grant (RFC 8707 §2.2, RFC 6749 §6)', () => {
  const ctx = useTestServer();
  let client: RegisteredClient;

  beforeAll(async () => {
    await registerOrdersAndBillingApis(ctx.admin, { orders: ORDERS, billing: BILLING });
    // First party, so a signed-in person gets the code without a consent page; it may target both APIs.
    client = await registerWebClient(ctx.admin, { first_party: true, scope: 'openid profile offline_access orders:read billing:read' });
  });

  /** Signs a new person in with `authorizeParams` and redeems the code with `tokenParams`. */
  async function signIn(authorizeParams: Record<string, string>, tokenParams: Record<string, string> = {}): Promise<TokenSet> {
    const { verifier, challenge } = pkce();
    const url = authorizeUrl(client.client_id, { code_challenge: challenge, code_challenge_method: 'S256', scope: 'openid offline_access orders:read billing:read', ...authorizeParams });
    const code = callbackParams(await authorize(new BrowserSession(ctx.server.baseUrl), url, await createPerson(ctx.admin))).get('code');
    expect(code).toBeTruthy();
    const tokens = await tokenRequest(ctx.server.baseUrl, client, { grant_type: 'authorization_code', code: code!, redirect_uri: CALLBACK, code_verifier: verifier, ...tokenParams });
    expect(tokens.status).toBe(200);
    expect(tokens.body.refresh_token).toBeDefined();
    return tokens.body;
  }

  const refresh = (token: string, params: Record<string, string> = {}) =>
    tokenRequest(ctx.server.baseUrl, client, { grant_type: 'refresh_token', refresh_token: token, ...params });

  const audienceOf = (accessToken: string): unknown => decodeJwt(accessToken).payload.aud;

  describe('a grant whose code was bound to a resource', () => {
    it('refreshed without resource: the access token targets the bound resource, narrowed to its scopes', async () => {
      const tokens = await signIn({ resource: ORDERS });
      const refreshed = await refresh(tokens.refresh_token!);
      expect(refreshed.status).toBe(200);
      expect(audienceOf(refreshed.body.access_token)).toBe(ORDERS);
      expect(refreshed.body.scope.split(' ').sort()).toEqual(['offline_access', 'openid', 'orders:read']);
    });

    it('refreshed naming the bound resource: ok', async () => {
      const tokens = await signIn({ resource: ORDERS });
      const refreshed = await refresh(tokens.refresh_token!, { resource: ORDERS });
      expect(refreshed.status).toBe(200);
      expect(audienceOf(refreshed.body.access_token)).toBe(ORDERS);
    });

    it('refreshed for another resource: invalid_target, and the refresh token is not used up', async () => {
      const tokens = await signIn({ resource: ORDERS });
      const refused = await refresh(tokens.refresh_token!, { resource: BILLING });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('invalid_target');
      expect(refused.body.access_token).toBeUndefined();
      expect(refused.body.refresh_token).toBeUndefined();
      // Had the refusal consumed the token, this would be a reuse and revoke the whole grant.
      const retried = await refresh(tokens.refresh_token!);
      expect(retried.status).toBe(200);
      expect(audienceOf(retried.body.access_token)).toBe(ORDERS);
    });

    it('refreshed for the default audience: invalid_target too', async () => {
      const tokens = await signIn({ resource: ORDERS });
      expect((await refresh(tokens.refresh_token!, { resource: ctx.server.config.defaultAudience })).body.error).toBe('invalid_target');
    });

    it('rotation carries the binding to every later refresh token of the grant', async () => {
      const tokens = await signIn({ resource: ORDERS });
      const second = await refresh(tokens.refresh_token!);
      const third = await refresh(second.body.refresh_token!);
      expect(third.status).toBe(200);
      expect(audienceOf(third.body.access_token)).toBe(ORDERS);
      expect((await refresh(third.body.refresh_token!, { resource: BILLING })).body.error).toBe('invalid_target');
      expect(audienceOf((await refresh(third.body.refresh_token!)).body.access_token)).toBe(ORDERS);
    });
  });

  describe('a grant whose code was redeemed naming a resource', () => {
    it('the refresh token is bound to the resource the token request named', async () => {
      const tokens = await signIn({}, { resource: BILLING });
      expect(audienceOf(tokens.access_token)).toBe(BILLING);
      const refreshed = await refresh(tokens.refresh_token!);
      expect(audienceOf(refreshed.body.access_token)).toBe(BILLING);
      expect((await refresh(refreshed.body.refresh_token!, { resource: ORDERS })).body.error).toBe('invalid_target');
    });
  });

  describe('a grant issued without any resource behaves as before', () => {
    it('refreshed without resource: the default audience', async () => {
      const tokens = await signIn({});
      const refreshed = await refresh(tokens.refresh_token!);
      expect(refreshed.status).toBe(200);
      expect(audienceOf(refreshed.body.access_token)).toBe(ctx.server.config.defaultAudience);
    });

    it('each refresh request may choose its resource', async () => {
      const tokens = await signIn({});
      const billing = await refresh(tokens.refresh_token!, { resource: BILLING });
      expect(billing.status).toBe(200);
      expect(audienceOf(billing.body.access_token)).toBe(BILLING);
      const orders = await refresh(billing.body.refresh_token!, { resource: ORDERS });
      expect(orders.status).toBe(200);
      expect(audienceOf(orders.body.access_token)).toBe(ORDERS);
      const fallback = await refresh(orders.body.refresh_token!);
      expect(audienceOf(fallback.body.access_token)).toBe(ctx.server.config.defaultAudience);
    });
  });

  describe('the device grant', () => {
    it('binds its refresh token to the resource the token request named', async () => {
      const device = await registerDeviceClient(ctx.admin, { grant_types: [DEVICE_GRANT, 'refresh_token'], scope: 'openid orders:read billing:read' });
      const auth = clientAuth(device);
      const started = await startOk(ctx.server, device, { scope: 'openid orders:read billing:read' });
      expect((await decide(await signedInBrowser(ctx.server), started.user_code, 'allow')).status).toBe(200);
      const tokenEndpoint = `${ctx.server.baseUrl}/oauth2/token`;
      const tokens = await postForm<TokenSet>(tokenEndpoint, { ...auth.params, grant_type: DEVICE_GRANT, device_code: started.device_code, resource: ORDERS }, auth.headers);
      expect(tokens.status).toBe(200);
      expect(audienceOf(tokens.body.access_token)).toBe(ORDERS);
      const deviceRefresh = (params: Record<string, string>) =>
        postForm<TokenSet>(tokenEndpoint, { ...auth.params, grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token!, ...params }, auth.headers);
      expect((await deviceRefresh({ resource: BILLING })).body.error).toBe('invalid_target');
      const refreshed = await deviceRefresh({});
      expect(refreshed.status).toBe(200);
      expect(audienceOf(refreshed.body.access_token)).toBe(ORDERS);
    });
  });
});
