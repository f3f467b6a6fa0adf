import { decodeJwt } from '../support/http';
import { useTestServer } from '../support/server-fixture';
import {
  type ApiRegistration,
  BILLING,
  type ClientRegistration,
  CountingFetch,
  ORDERS,
  registerApi,
  revoke,
  type RunningOrdersApi,
  SkewableClock,
  startOrdersApi,
  tokenFor,
} from './harness';

const INTROSPECT_PATH = '/oauth2/introspect';
// The same orders scopes, for an API that wants opaque reference tokens.
const ORDERS_OPAQUE = 'https://orders-opaque.example.com';
const ORDERS_SCOPES = [{ name: 'orders:read', description: 'Read orders' }, { name: 'orders:write', description: 'Place orders' }];

/**
 * The example backend (apps/orders-api) asking a real authorization server on PostgreSQL about every
 * token (RFC 7662), which is what makes revocation visible to it.
 */
describe('orders-api with introspection (RFC 7662)', () => {
  const ctx = useTestServer();
  let client: ClientRegistration;
  let orders: ApiRegistration;
  let ordersOpaque: ApiRegistration;
  const started: RunningOrdersApi[] = [];

  const start = async (audience: string, api: ApiRegistration, extra: Record<string, unknown> = {}) => {
    const running = await startOrdersApi({
      issuer: ctx.server.config.issuer,
      audience,
      mode: 'introspection',
      introspection: { clientId: api.client_id, clientSecret: api.client_secret },
      ...extra,
    });
    started.push(running);
    return running;
  };

  beforeAll(async () => {
    orders = await registerApi(ctx.admin, { identifier: ORDERS, name: 'Orders', scopes: ORDERS_SCOPES, access_token_format: 'jwt' });
    await registerApi(ctx.admin, { identifier: BILLING, name: 'Billing', scopes: [{ name: 'billing:read' }], access_token_format: 'jwt' });
    ordersOpaque = await registerApi(ctx.admin, {
      identifier: ORDERS_OPAQUE,
      name: 'Orders (opaque tokens)',
      scopes: ORDERS_SCOPES,
      access_token_format: 'opaque',
      access_token_ttl: 600,
    });
    client = await ctx.admin.registerClient({
      client_name: 'shop',
      grant_types: ['client_credentials'],
      scope: 'orders:read orders:write billing:read',
    });
  });

  afterAll(async () => {
    for (const running of started) await running.close();
  });

  describe('without an answer cache (INTROSPECTION_CACHE_SECONDS=0)', () => {
    let ordersApi: RunningOrdersApi;
    const calls = new CountingFetch();

    beforeAll(async () => {
      ordersApi = await start(ORDERS, orders, { introspectionCacheMaxSeconds: 0, fetch: calls.fetch });
    });

    it('accepts a JWT for this API through the server and returns the caller', async () => {
      const before = calls.count(INTROSPECT_PATH);
      const response = await ordersApi.get('/orders', await tokenFor(ctx.server, client, ORDERS));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ caller: { sub: client.client_id, client_id: client.client_id } });
      expect(calls.count(INTROSPECT_PATH)).toBe(before + 1);
    });

    it('refuses a token for another API: the server shows an API only its own tokens (401 invalid_token)', async () => {
      const response = await ordersApi.get('/orders', await tokenFor(ctx.server, client, BILLING));
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="orders", error="invalid_token"/);
      expect(response.body).toEqual({ error: 'invalid_token', error_description: 'The access token is not active' });
    });

    it('answers 403 insufficient_scope with scope="orders:write" for a read-only token', async () => {
      const response = await ordersApi.post('/orders', { item: 'tea' }, await tokenFor(ctx.server, client, ORDERS, 'orders:read'));
      expect(response.status).toBe(403);
      expect(response.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
      expect(response.headers.get('www-authenticate')).toContain('scope="orders:write"');
    });

    it('answers 401 with a bare challenge when no token is sent', async () => {
      const response = await ordersApi.get('/orders');
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe(`Bearer realm="orders", resource_metadata="${ORDERS}/.well-known/oauth-protected-resource"`);
    });

    it('refuses a revoked token on the very next request', async () => {
      const token = await tokenFor(ctx.server, client, ORDERS);
      expect((await ordersApi.get('/orders', token)).status).toBe(200);
      await revoke(ctx.server, client, token);
      const response = await ordersApi.get('/orders', token);
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ error: 'invalid_token', error_description: 'The access token is not active' });
    });
  });

  describe('with the default answer cache (60 s)', () => {
    let ordersApi: RunningOrdersApi;
    const calls = new CountingFetch();
    const clock = new SkewableClock();

    beforeAll(async () => {
      ordersApi = await start(ORDERS, orders, { fetch: calls.fetch, now: clock.now });
    });

    it('reuses an active answer, so a revocation is seen only when the cached answer runs out', async () => {
      const token = await tokenFor(ctx.server, client, ORDERS);
      const before = calls.count(INTROSPECT_PATH);
      expect((await ordersApi.get('/orders', token)).status).toBe(200);
      expect((await ordersApi.get('/orders', token)).status).toBe(200);
      expect(calls.count(INTROSPECT_PATH)).toBe(before + 1);

      await revoke(ctx.server, client, token);
      expect((await ordersApi.get('/orders', token)).status).toBe(200);

      clock.advance(61);
      const response = await ordersApi.get('/orders', token);
      expect(response.status).toBe(401);
      expect(calls.count(INTROSPECT_PATH)).toBe(before + 2);
    });

    it('refuses at once a revoked token it has not cached', async () => {
      const token = await tokenFor(ctx.server, client, ORDERS);
      await revoke(ctx.server, client, token);
      expect((await ordersApi.get('/orders', token)).status).toBe(401);
    });
  });

  describe('an API with opaque access tokens', () => {
    let opaqueApi: RunningOrdersApi;

    beforeAll(async () => {
      opaqueApi = await start(ORDERS_OPAQUE, ordersOpaque, { introspectionCacheMaxSeconds: 0 });
    });

    it('gets reference tokens that only introspection can verify, and serves them', async () => {
      const token = await tokenFor(ctx.server, client, ORDERS_OPAQUE);
      expect(token.split('.')).toHaveLength(1);
      const listed = await opaqueApi.get('/orders', token);
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual({ caller: { sub: client.client_id, client_id: client.client_id }, orders: [] });
      expect((await opaqueApi.post('/orders', { item: 'tea' }, token)).status).toBe(201);
    });

    it('is refused by local JWT verification, which cannot read it', async () => {
      const jwtOnly = await startOrdersApi({ issuer: ctx.server.config.issuer, audience: ORDERS_OPAQUE, mode: 'jwt' });
      started.push(jwtOnly);
      const response = await jwtOnly.get('/orders', await tokenFor(ctx.server, client, ORDERS_OPAQUE));
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ error: 'invalid_token', error_description: 'The access token is malformed' });
    });

    it('does not accept a JWT issued for the JWT-format orders API', async () => {
      const jwt = await tokenFor(ctx.server, client, ORDERS);
      expect(decodeJwt(jwt).payload.aud).toBe(ORDERS);
      expect((await opaqueApi.get('/orders', jwt)).status).toBe(401);
    });

    it('refuses a revoked opaque token on the very next request', async () => {
      const token = await tokenFor(ctx.server, client, ORDERS_OPAQUE);
      expect((await opaqueApi.get('/orders', token)).status).toBe(200);
      await revoke(ctx.server, client, token);
      const response = await opaqueApi.get('/orders', token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
    });
  });
});
