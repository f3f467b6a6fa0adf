import { exportSPKI, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { basicAuth, decodeJwt, postForm, request } from '../support/http';
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

const JWKS_PATH = '/oauth2/jwks';
// The SDK's default jwksCooldownSeconds: at most one unknown-kid refetch per window.
const JWKS_COOLDOWN_SECONDS = 30;

/**
 * The example backend (apps/orders-api) verifying JWT access tokens locally against the JWKS of a real
 * authorization server on PostgreSQL, over HTTP.
 */
describe('orders-api with local JWT verification (RFC 9068, RFC 6750)', () => {
  const ctx = useTestServer();
  let client: ClientRegistration;
  let orders: ApiRegistration;
  let ordersApi: RunningOrdersApi;
  const jwksFetches = new CountingFetch();
  const clock = new SkewableClock();

  const ordersToken = (scope?: string) => tokenFor(ctx.server, client, ORDERS, scope);

  beforeAll(async () => {
    orders = await registerApi(ctx.admin, {
      identifier: ORDERS,
      name: 'Orders',
      scopes: [{ name: 'orders:read', description: 'Read orders' }, { name: 'orders:write', description: 'Place orders' }],
      access_token_format: 'jwt',
    });
    await registerApi(ctx.admin, { identifier: BILLING, name: 'Billing', scopes: [{ name: 'billing:read' }], access_token_format: 'jwt' });
    client = await ctx.admin.registerClient({
      client_name: 'shop',
      grant_types: ['client_credentials'],
      scope: 'orders:read orders:write billing:read',
    });
    ordersApi = await startOrdersApi({
      issuer: ctx.server.config.issuer,
      audience: ORDERS,
      mode: 'jwt',
      fetch: jwksFetches.fetch,
      now: clock.now,
    });
  });

  afterAll(async () => {
    await ordersApi?.close();
  });

  it('serves the public health route without a token', async () => {
    const response = await ordersApi.get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('answers a request without a token with 401 and a bare challenge (RFC 6750 §3.1)', async () => {
    const response = await ordersApi.get('/orders');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(`Bearer realm="orders", resource_metadata="${ORDERS}/.well-known/oauth-protected-resource"`);
    expect(response.body).not.toHaveProperty('error');
  });

  it('lets a token for this API with the scope through and returns the caller from its claims', async () => {
    const token = await ordersToken();
    const listed = await ordersApi.get('/orders', token);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({ caller: { sub: client.client_id, client_id: client.client_id }, orders: [] });

    const placed = await ordersApi.post('/orders', { item: 'tea' }, token);
    expect(placed.status).toBe(201);
    expect(placed.body).toEqual({ caller: { sub: client.client_id, client_id: client.client_id }, order: { id: 1, item: 'tea', placedBy: client.client_id } });
  });

  it('refuses a token issued for another API (RFC 9068 §4: aud) with 401 invalid_token', async () => {
    const billingToken = await tokenFor(ctx.server, client, BILLING);
    expect(decodeJwt(billingToken).payload.aud).toBe(BILLING);
    const response = await ordersApi.get('/orders', billingToken);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="orders", error="invalid_token", error_description="[^"]+", resource_metadata="[^"]+"$/);
    expect(response.body).toEqual({ error: 'invalid_token', error_description: 'The access token is not intended for this resource' });
  });

  it('answers 403 insufficient_scope naming the missing scope (RFC 6750 §3.1)', async () => {
    const readOnly = await ordersToken('orders:read');
    expect((await ordersApi.get('/orders', readOnly)).status).toBe(200);
    const response = await ordersApi.post('/orders', { item: 'coffee' }, readOnly);
    expect(response.status).toBe(403);
    const challenge = response.headers.get('www-authenticate');
    expect(challenge).toContain('error="insufficient_scope"');
    expect(challenge).toContain('scope="orders:write"');
    expect(response.body).toMatchObject({ error: 'insufficient_scope' });
  });

  it('cannot see a revocation: a revoked JWT is still accepted locally until it expires (use introspection for that)', async () => {
    const token = await ordersToken();
    expect((await ordersApi.get('/orders', token)).status).toBe(200);
    await revoke(ctx.server, client, token);
    // The server knows (introspection says inactive); local verification only checks signature and claims.
    const introspected = await postForm(`${ctx.server.baseUrl}/oauth2/introspect`, { token }, { authorization: basicAuth(orders.client_id, orders.client_secret) });
    expect(introspected.body).toEqual({ active: false });
    expect((await ordersApi.get('/orders', token)).status).toBe(200);
  });

  describe('forged tokens', () => {
    let genuine: string;
    let header: { kid: string; alg: string };
    let payload: Record<string, unknown>;

    beforeAll(async () => {
      genuine = await ordersToken();
      const decoded = decodeJwt(genuine);
      header = decoded.header as { kid: string; alg: string };
      payload = decoded.payload;
    });

    const expectRefused = async (token: string, description: string) => {
      const fetchesBefore = jwksFetches.count(JWKS_PATH);
      const response = await ordersApi.get('/orders', token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
      expect(response.body).toEqual({ error: 'invalid_token', error_description: description });
      // A forged token must not make the SDK refetch keys.
      expect(jwksFetches.count(JWKS_PATH)).toBe(fetchesBefore);
    };

    it('refuses a token signed by another key under the genuine kid (signature check)', async () => {
      const { privateKey } = await generateKeyPair(header.alg);
      const forged = await new SignJWT(payload).setProtectedHeader({ alg: header.alg, kid: header.kid, typ: 'at+jwt' }).sign(privateKey);
      await expectRefused(forged, 'The access token signature is invalid');
    });

    it('refuses an unsecured token (alg: none, RFC 8725 §3.2)', async () => {
      const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const unsecured = `${encode({ alg: 'none', typ: 'at+jwt', kid: header.kid })}.${encode(payload)}.`;
      await expectRefused(unsecured, 'The access token is signed with an algorithm that is not accepted');
    });

    it('refuses HS256 keyed with the published public key, as JWK and as PEM (RFC 8725 §2.1 algorithm confusion)', async () => {
      const jwks = await request<{ keys: JWK[] }>(`${ctx.server.baseUrl}${JWKS_PATH}`);
      const publicJwk = jwks.body.keys.find((key) => key.kid === header.kid)!;
      const pem = await exportSPKI(await importJWK(publicJwk, header.alg) as CryptoKey);
      for (const secret of [JSON.stringify(publicJwk), pem]) {
        const forged = await new SignJWT(payload)
          .setProtectedHeader({ alg: 'HS256', kid: header.kid, typ: 'at+jwt' })
          .sign(new TextEncoder().encode(secret));
        await expectRefused(forged, 'The access token is signed with an algorithm that is not accepted');
      }
    });

    it('still accepts the genuine token those were copied from', async () => {
      expect((await ordersApi.get('/orders', genuine)).status).toBe(200);
    });
  });

  describe('key rotation', () => {
    it('verifies tokens of a same-algorithm rotation at once, with no refetch: the key was published before it signed', async () => {
      const before = await ordersToken();
      expect((await ordersApi.get('/orders', before)).status).toBe(200);
      const fetchesBefore = jwksFetches.count(JWKS_PATH);
      const rotated = await ctx.admin.send<{ kid: string }>('POST', '/admin/v1/keys/rotate', {});
      expect(rotated.status).toBe(200);
      const after = await ordersToken();
      expect(decodeJwt(after).header).toMatchObject({ kid: rotated.body.kid });
      expect((await ordersApi.get('/orders', after)).status).toBe(200);
      expect((await ordersApi.get('/orders', before)).status).toBe(200);
      expect(jwksFetches.count(JWKS_PATH)).toBe(fetchesBefore);
    });

    it('keeps verifying old and new tokens once the cool-down allows, with one JWKS refetch for a burst naming the new kid', async () => {
      const before = await ordersToken();
      expect((await ordersApi.get('/orders', before)).status).toBe(200);
      const fetchesBefore = jwksFetches.count(JWKS_PATH);
      expect(fetchesBefore).toBe(1);

      const rotated = await ctx.admin.send<{ kid: string }>('POST', '/admin/v1/keys/rotate', { alg: 'RS256' });
      expect(rotated.status).toBe(200);
      const after = await ordersToken();
      expect(decodeJwt(after).header).toMatchObject({ kid: rotated.body.kid, alg: 'RS256' });

      // A change of algorithm cannot use the pre-published key: the fresh key signs at once, and unknown-kid
      // refetches are rate-limited from the last fetch, so within that window the new key's tokens are refused.
      const tooEarly = await ordersApi.get('/orders', after);
      expect(tooEarly.status).toBe(401);
      expect(tooEarly.body).toMatchObject({ error_description: 'The access token is signed with an unknown key' });
      expect(jwksFetches.count(JWKS_PATH)).toBe(fetchesBefore);

      clock.advance(JWKS_COOLDOWN_SECONDS + 1);
      const burst = await Promise.all(Array.from({ length: 10 }, () => ordersApi.get('/orders', after)));
      expect(burst.map((response) => response.status)).toEqual(Array(10).fill(200));
      expect(jwksFetches.count(JWKS_PATH)).toBe(fetchesBefore + 1);

      // The retired key stays published until its tokens expire.
      expect((await ordersApi.get('/orders', before)).status).toBe(200);
      expect(jwksFetches.count(JWKS_PATH)).toBe(fetchesBefore + 1);
    });

    it('refetches at most once per cool-down for tokens with unknown kids, however many arrive', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      const payload = decodeJwt(await ordersToken()).payload;
      const withRandomKid = () =>
        new SignJWT(payload).setProtectedHeader({ alg: 'ES256', kid: `unknown-${Math.random()}`, typ: 'at+jwt' }).sign(privateKey);

      // Within the cool-down that followed the last refetch: no fetch at all.
      const fetchesBefore = jwksFetches.count(JWKS_PATH);
      const quiet = await Promise.all(Array.from({ length: 10 }, async () => ordersApi.get('/orders', await withRandomKid())));
      expect(quiet.map((response) => response.status)).toEqual(Array(10).fill(401));
      expect(jwksFetches.count(JWKS_PATH)).toBe(fetchesBefore);

      // After it: one fetch for the whole burst (concurrent and sequential), not one per request.
      clock.advance(JWKS_COOLDOWN_SECONDS + 1);
      const burst = await Promise.all(Array.from({ length: 10 }, async () => ordersApi.get('/orders', await withRandomKid())));
      for (let i = 0; i < 10; i += 1) burst.push(await ordersApi.get('/orders', await withRandomKid()));
      expect(burst.map((response) => response.status)).toEqual(Array(20).fill(401));
      expect(burst[0]!.body).toEqual({ error: 'invalid_token', error_description: 'The access token is signed with an unknown key' });
      expect(jwksFetches.count(JWKS_PATH)).toBe(fetchesBefore + 1);
    });
  });
});
