import { basicAuth, postForm, request } from '../support/http';
import { DpopKey } from '../support/dpop';
import { useTestServer } from '../support/server-fixture';
import { type ApiRegistration, type ClientRegistration, ORDERS, registerApi, type RunningOrdersApi, startOrdersApi } from './harness';

/**
 * The example backend (apps/orders-api) accepting DPoP-bound tokens (RFC 9449 §7) through the SDK's guard,
 * verified locally (cnf.jkt in the JWT) and by introspection (cnf.jkt in the answer).
 */
describe('orders-api with DPoP-bound access tokens', () => {
  const ctx = useTestServer();
  let client: ClientRegistration;
  let key: DpopKey;
  const apis: RunningOrdersApi[] = [];

  beforeAll(async () => {
    key = await DpopKey.generate();
    client = await ctx.admin.registerClient({ client_name: 'dpop shop', grant_types: ['client_credentials'], scope: 'orders:read' });
  });

  afterAll(async () => {
    await Promise.all(apis.map((api) => api.close()));
  });

  describe.each([
    ['jwt', 'jwt'],
    ['introspection', 'opaque'],
  ] as const)('verified by %s', (mode, format) => {
    let api: RunningOrdersApi;
    let orders: ApiRegistration;

    beforeAll(async () => {
      orders = await registerApi(ctx.admin, { identifier: `${ORDERS}/${mode}`, name: `Orders ${mode}`, scopes: [{ name: 'orders:read' }], access_token_format: format });
      api = await startOrdersApi({
        issuer: ctx.server.config.issuer,
        audience: orders.identifier,
        mode,
        ...(mode === 'introspection' ? { introspection: { clientId: orders.client_id, clientSecret: orders.client_secret } } : {}),
      });
      apis.push(api);
    });

    const tokenForApi = async () => {
      const response = await postForm<{ access_token: string }>(
        `${ctx.server.baseUrl}/oauth2/token`,
        { grant_type: 'client_credentials', resource: orders.identifier },
        { authorization: basicAuth(client.client_id, client.client_secret!), dpop: await key.proof('POST', `${ctx.server.config.issuer}/oauth2/token`) },
      );
      return response.body.access_token;
    };
    const call = (authorization: string, proof?: string) =>
      request(`${api.baseUrl}/orders`, { headers: { authorization, ...(proof ? { dpop: proof } : {}) } });

    it('§7.1: accepts the token with the DPoP scheme and a proof of its key', async () => {
      const token = await tokenForApi();
      const response = await call(`DPoP ${token}`, await key.proof('GET', `${api.baseUrl}/orders`, { accessToken: token }));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ caller: { client_id: client.client_id } });
    });

    it('§7.2: refuses the bound token sent as Bearer, with a DPoP challenge', async () => {
      const response = await call(`Bearer ${await tokenForApi()}`);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^DPoP realm="orders", error="invalid_token", .*algs="[^"]*ES256/);
    });

    it('refuses a proof of another key and a proof without the token hash', async () => {
      const token = await tokenForApi();
      const other = await DpopKey.generate();
      const wrongKey = await call(`DPoP ${token}`, await other.proof('GET', `${api.baseUrl}/orders`, { accessToken: token }));
      expect(wrongKey.status).toBe(401);
      expect(wrongKey.body.error).toBe('invalid_token');
      const noAth = await call(`DPoP ${token}`, await key.proof('GET', `${api.baseUrl}/orders`));
      expect(noAth.status).toBe(401);
      expect(noAth.body.error).toBe('invalid_dpop_proof');
      expect(noAth.headers.get('www-authenticate')).toMatch(/^DPoP realm="orders", error="invalid_dpop_proof"/);
    });

    it('refuses a replayed proof', async () => {
      const token = await tokenForApi();
      const proof = await key.proof('GET', `${api.baseUrl}/orders`, { accessToken: token });
      expect((await call(`DPoP ${token}`, proof)).status).toBe(200);
      expect((await call(`DPoP ${token}`, proof)).body.error).toBe('invalid_dpop_proof');
    });
  });
});
