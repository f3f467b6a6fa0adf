import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { FetchLike } from '@meridian-auth/resource-server';
import { useTestServer } from '../support/server-fixture';
import { type ClientRegistration, ORDERS, registerApi, type RunningOrdersApi, startOrdersApi, tokenFor } from './harness';

/** Where the second instance of the API reads the keys of the person tokens this suite signs itself. */
const PERSON_KEYS_URI = 'https://keys.orders.test/jwks';
const KID = 'person-tokens';

/**
 * RFC 9470 step-up on the example API's refund route, which needs `acr` mfa (or higher) and a sign-in of
 * at most 900 seconds ago. A client_credentials token from the real server carries no acr; person tokens
 * with a chosen acr and auth_time are signed here, as the server's would be, and verified with their JWKS.
 */
describe('orders-api: a refund needs a recent second factor (RFC 9470)', () => {
  const ctx = useTestServer();
  let client: ClientRegistration;
  let serverTokens: RunningOrdersApi;
  let personTokens: RunningOrdersApi;
  let sign: (claims: Record<string, unknown>) => Promise<string>;

  beforeAll(async () => {
    await registerApi(ctx.admin, {
      identifier: ORDERS,
      name: 'Orders',
      scopes: [{ name: 'orders:read' }, { name: 'orders:write' }],
      access_token_format: 'jwt',
    });
    client = await ctx.admin.registerClient({ client_name: 'shop', grant_types: ['client_credentials'], scope: 'orders:read orders:write' });
    serverTokens = await startOrdersApi({ issuer: ctx.server.config.issuer, audience: ORDERS, mode: 'jwt' });

    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: KID, alg: 'ES256', use: 'sig' }] };
    const keysOnly: FetchLike = async (url) => (url === PERSON_KEYS_URI ? { status: 200, json: async () => jwks } : { status: 404, json: async () => ({}) });
    personTokens = await startOrdersApi({ issuer: ctx.server.config.issuer, audience: ORDERS, mode: 'jwt', jwksUri: PERSON_KEYS_URI, fetch: keysOnly });
    sign = (claims) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({
        iss: ctx.server.config.issuer,
        sub: 'person-1',
        aud: ORDERS,
        client_id: 'web-shop',
        scope: 'orders:read orders:write',
        jti: randomUUID(),
        iat: now,
        exp: now + 300,
        ...claims,
      })
        .setProtectedHeader({ alg: 'ES256', kid: KID, typ: 'at+jwt' })
        .sign(privateKey);
    };
  });

  afterAll(async () => {
    await serverTokens?.close();
    await personTokens?.close();
  });

  const recent = () => Math.floor(Date.now() / 1000) - 30;

  it('§3: answers a token without acr (client_credentials) with 401 insufficient_user_authentication, acr_values and max_age', async () => {
    const token = await tokenFor(ctx.server, client, ORDERS);
    expect((await serverTokens.post('/orders', { item: 'tea' }, token)).status).toBe(201);

    const response = await serverTokens.post('/orders/1/refund', {}, token);

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer realm="orders", error="insufficient_user_authentication", ' +
        'error_description="A stronger and more recent authentication is required", acr_values="mfa", max_age="900", ' +
        'resource_metadata="https://orders.example.com/.well-known/oauth-protected-resource"',
    );
    expect(response.body).toEqual({ error: 'insufficient_user_authentication', error_description: 'A stronger and more recent authentication is required' });
  });

  it('§3: answers a recent password-only sign-in (acr pwd) with 401 and acr_values="mfa"', async () => {
    const token = await sign({ acr: 'pwd', amr: ['pwd'], auth_time: recent() });
    expect((await personTokens.post('/orders', { item: 'tea' }, token)).status).toBe(201);

    const response = await personTokens.post('/orders/1/refund', {}, token);

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer realm="orders", error="insufficient_user_authentication", ' +
        'error_description="A stronger authentication is required", acr_values="mfa", max_age="900", ' +
        'resource_metadata="https://orders.example.com/.well-known/oauth-protected-resource"',
    );
    expect(response.body).toEqual({ error: 'insufficient_user_authentication', error_description: 'A stronger authentication is required' });
  });

  it('§3: answers a second factor used too long ago with 401 and max_age', async () => {
    const token = await sign({ acr: 'mfa', amr: ['pwd', 'otp', 'mfa'], auth_time: Math.floor(Date.now() / 1000) - 3600 });

    const response = await personTokens.post('/orders/1/refund', {}, token);

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('error_description="A more recent authentication is required"');
    expect(response.headers.get('www-authenticate')).toContain('max_age="900"');
  });

  it.each([
    ['mfa', ['pwd', 'otp', 'mfa']],
    ['phr', ['hwk', 'user', 'mfa']],
  ])('refunds for a recent sign-in with acr %s', async (acr, amr) => {
    const token = await sign({ acr, amr, auth_time: recent() });

    const response = await personTokens.post('/orders/1/refund', {}, token);

    expect(response.status).toBe(201);
    expect(response.body).toEqual({ order: { id: 1, item: 'tea', placedBy: 'person-1', refundedBy: 'person-1' }, acr });
  });

  it('checks the scope first: a strong sign-in without orders:write stays 403 insufficient_scope', async () => {
    const token = await sign({ acr: 'phr', auth_time: recent(), scope: 'orders:read' });
    const response = await personTokens.post('/orders/1/refund', {}, token);
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
  });
});
