import { useTestServer } from '../support/server-fixture';
import { request } from '../support/http';
import { ORDERS, registerApi, startOrdersApi, type RunningOrdersApi } from './harness';

/**
 * RFC 9728 from the SDK, as the example orders API serves it: a client that only knows the API finds the
 * authorization server from a 401 (resource_metadata, §5.1), then reads its metadata (§3).
 */
describe('orders-api: protected resource metadata (RFC 9728)', () => {
  const ctx = useTestServer();
  let ordersApi: RunningOrdersApi;

  beforeAll(async () => {
    await registerApi(ctx.admin, { identifier: ORDERS, name: 'Orders', scopes: [{ name: 'orders:read' }, { name: 'orders:write' }] });
    ordersApi = await startOrdersApi({ issuer: ctx.server.config.issuer, audience: ORDERS, mode: 'jwt' });
  });

  afterAll(async () => {
    await ordersApi?.close();
  });

  it('§3: serves the metadata without a token', async () => {
    const response = await ordersApi.get('/.well-known/oauth-protected-resource');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    // §3.3: the resource is exactly the identifier the well-known URL was formed from.
    expect(response.body).toEqual({
      resource: ORDERS,
      authorization_servers: [ctx.server.config.issuer],
      bearer_methods_supported: ['header'],
      scopes_supported: ['orders:read', 'orders:write'],
      resource_name: 'Orders API',
    });
  });

  it('§5.1: a 401 names the metadata, whose authorization server leads to our discovery', async () => {
    const refused = await ordersApi.get('/orders', 'not-a-token');
    expect(refused.status).toBe(401);
    const challenge = refused.headers.get('www-authenticate')!;
    expect(challenge).toMatch(/^Bearer realm="orders", error="invalid_token", error_description="[^"]*", resource_metadata="https:\/\/orders\.example\.com\/\.well-known\/oauth-protected-resource"$/);
    const metadata = await ordersApi.get(new URL(/resource_metadata="([^"]+)"/.exec(challenge)![1]).pathname);
    const [issuer] = metadata.body.authorization_servers as string[];
    const discovery = await request(`${issuer}/.well-known/oauth-authorization-server`);
    expect(discovery.body).toMatchObject({ issuer, token_endpoint: `${issuer}/oauth2/token` });
  });
});
