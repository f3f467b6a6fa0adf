import { useTestServer } from '../support/server-fixture';
import { basicAuth, decodeJwt, postForm, request } from '../support/http';
import { BrowserSession } from '../support/browser-session';
import { authorize, authorizeWithPkce, callbackParams, createPerson, introspect, redeemCode, registerWebClient, RegisteredClient, TokenSet, tokenRequest } from '../support/sign-in';

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const ORDERS = 'https://orders.example.com';
const BILLING = 'https://billing.example.com';
const LEDGER = 'https://ledger.example.com';

interface Api {
  id: string;
  client_id: string;
  client_secret: string;
}

describe('RFC 8693 token exchange', () => {
  const ctx = useTestServer({ TOKEN_EXCHANGE_MAX_DEPTH: '2' });
  const apis: Record<string, Api> = {};
  let web: RegisteredClient;
  let ordersService: RegisteredClient;
  let billingService: RegisteredClient;
  let person: { id: string; username: string; password: string };
  let subject: TokenSet;

  const service = () => ctx.admin.registerClient({ client_name: 'service', grant_types: [TOKEN_EXCHANGE, 'client_credentials'], scope: 'billing:read' });
  const exchange = (client: RegisteredClient, params: Record<string, string>) =>
    tokenRequest(ctx.server.baseUrl, client, { grant_type: TOKEN_EXCHANGE, subject_token_type: ACCESS_TOKEN_TYPE, ...params }) as Promise<{ status: number; body: TokenSet & { issued_token_type?: string } }>;

  beforeAll(async () => {
    ordersService = await service();
    billingService = await service();
    const definitions = [
      { identifier: ORDERS, name: 'Orders', scopes: [{ name: 'orders:read' }] },
      { identifier: BILLING, name: 'Billing', scopes: [{ name: 'billing:read' }, { name: 'billing:write' }], token_exchange: { allowed_clients: [ordersService.client_id] } },
      { identifier: LEDGER, name: 'Ledger', scopes: [{ name: 'billing:read' }], access_token_format: 'opaque', token_exchange: { allowed_clients: [billingService.client_id, ordersService.client_id] } },
    ];
    for (const definition of definitions) {
      const response = await ctx.admin.send<Api>('POST', '/admin/v1/apis', definition);
      if (response.status !== 201) throw new Error(`register API: ${response.status} ${response.text}`);
      apis[definition.identifier] = response.body;
    }
    web = await registerWebClient(ctx.admin, { scope: 'openid offline_access orders:read billing:read' });
    person = await createPerson(ctx.admin);
    const { url, verifier } = authorizeWithPkce(web.client_id, { scope: 'openid offline_access orders:read billing:read' });
    const code = callbackParams(await authorize(new BrowserSession(ctx.server.baseUrl), url, person)).get('code')!;
    subject = (await redeemCode(ctx.server.baseUrl, web, code, verifier)).body;
  });

  const apiCaller = (identifier: string): RegisteredClient => ({ client_id: apis[identifier].client_id, client_secret: apis[identifier].client_secret });

  it('discovery lists the grant type, and the API shows its policy', async () => {
    const metadata = await request(`${ctx.server.baseUrl}/.well-known/oauth-authorization-server`);
    expect(metadata.body.grant_types_supported).toContain(TOKEN_EXCHANGE);
    expect((await ctx.admin.get(`/admin/v1/apis/${apis[BILLING].id}`)).body).toMatchObject({ token_exchange: { allowed_clients: [ordersService.client_id] } });
    expect((await ctx.admin.get(`/admin/v1/apis/${apis[ORDERS].id}`)).body).toMatchObject({ token_exchange: { allowed_clients: [] } });
  });

  it('§2.2.1 and §4.1: an allowed client gets a token for the person, for the target, with itself in act', async () => {
    const response = await exchange(ordersService, { subject_token: subject.access_token, resource: BILLING });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ issued_token_type: ACCESS_TOKEN_TYPE, token_type: 'Bearer', scope: 'billing:read' });
    expect(response.body.refresh_token).toBeUndefined();
    const claims = decodeJwt(response.body.access_token).payload;
    expect(claims).toMatchObject({ sub: person.id, aud: BILLING, client_id: ordersService.client_id, act: { sub: ordersService.client_id }, scope: 'billing:read' });
    expect(claims.exp).toBeLessThanOrEqual(Number(decodeJwt(subject.access_token).payload.exp));
    const seen = await introspect(ctx.server.baseUrl, apiCaller(BILLING), response.body.access_token);
    expect(seen).toMatchObject({ active: true, sub: person.id, act: { sub: ordersService.client_id } });
  });

  it('§4.1: exchanging an exchanged token nests act; a reference token carries it too; the chain is bounded', async () => {
    const first = await exchange(ordersService, { subject_token: subject.access_token, audience: BILLING });
    const second = await exchange(billingService, { subject_token: first.body.access_token, resource: LEDGER, scope: 'billing:read' });
    expect(second.status).toBe(200);
    expect(second.body.access_token).toMatch(/^oat_/);
    const seen = await introspect(ctx.server.baseUrl, apiCaller(LEDGER), second.body.access_token);
    expect(seen).toMatchObject({ active: true, sub: person.id, aud: LEDGER, client_id: billingService.client_id, act: { sub: billingService.client_id, act: { sub: ordersService.client_id } } });
    const third = await exchange(ordersService, { subject_token: second.body.access_token, resource: LEDGER });
    expect({ status: third.status, error: third.body.error }).toEqual({ status: 400, error: 'invalid_request' });
  });

  it('§2.1: an actor token names the actor; it must have been issued to the exchanging client', async () => {
    const own = await tokenRequest(ctx.server.baseUrl, ordersService, { grant_type: 'client_credentials' });
    const response = await exchange(ordersService, { subject_token: subject.access_token, resource: BILLING, actor_token: own.body.access_token, actor_token_type: ACCESS_TOKEN_TYPE });
    expect(response.status).toBe(200);
    expect(decodeJwt(response.body.access_token).payload.act).toEqual({ sub: ordersService.client_id });
    const foreign = await tokenRequest(ctx.server.baseUrl, billingService, { grant_type: 'client_credentials' });
    const refused = await exchange(ordersService, { subject_token: subject.access_token, resource: BILLING, actor_token: foreign.body.access_token, actor_token_type: ACCESS_TOKEN_TYPE });
    expect({ status: refused.status, error: refused.body.error }).toEqual({ status: 400, error: 'invalid_request' });
  });

  it('every exchange is audited with its chain', async () => {
    await exchange(ordersService, { subject_token: subject.access_token, resource: BILLING });
    const events = await ctx.admin.get<{ items: Array<Record<string, unknown>> }>(`/admin/v1/events?action=token.exchanged&actor_id=${ordersService.client_id}`);
    expect(events.body.items[0]).toMatchObject({
      actor_type: 'client',
      target_type: 'api',
      target_id: apis[BILLING].id,
      details: { subject: person.id, subject_client_id: web.client_id, audience: BILLING, act_chain: [ordersService.client_id] },
    });
  });

  it('refused by default: a client that no API lets exchange is unauthorized_client', async () => {
    const stranger = await service();
    const response = await exchange(stranger, { subject_token: subject.access_token, resource: BILLING });
    expect({ status: response.status, error: response.body.error }).toEqual({ status: 400, error: 'unauthorized_client' });
    // Whatever else the request holds: the policy is checked first.
    expect((await exchange(stranger, { subject_token: 'garbage', resource: BILLING })).body.error).toBe('unauthorized_client');
    const notRegistered = await exchange(web, { subject_token: subject.access_token, resource: BILLING });
    expect(notRegistered.body.error).toBe('unauthorized_client');
  });

  it.each([
    ['§2.2.2: an API outside the policy', 'invalid_target', { resource: ORDERS }],
    ['§2.2.2: an unknown API', 'invalid_target', { resource: 'https://nowhere.example.com' }],
    ['no target', 'invalid_request', {}],
    ['resource and audience naming different APIs', 'invalid_request', { resource: BILLING, audience: LEDGER }],
    ['a scope the subject token does not hold', 'invalid_scope', { resource: BILLING, scope: 'billing:write' }],
    ['a scope outside the target API', 'invalid_scope', { resource: BILLING, scope: 'orders:read' }],
    ['§2.2.2: a subject token that is not ours', 'invalid_request', { resource: BILLING, subject_token: 'eyJhbGciOiJub25lIn0.e30.' }],
    ['§2.1: an unsupported subject_token_type', 'invalid_request', { resource: BILLING, subject_token_type: 'urn:ietf:params:oauth:token-type:id_token' }],
    ['§2.1: a requested_token_type other than access_token', 'invalid_request', { resource: BILLING, requested_token_type: 'urn:ietf:params:oauth:token-type:refresh_token' }],
    ['§2.1: actor_token_type without actor_token', 'invalid_request', { resource: BILLING, actor_token_type: ACCESS_TOKEN_TYPE }],
  ])('%s is %s', async (_name, error, overrides) => {
    const response = await exchange(ordersService, { subject_token: subject.access_token, ...overrides });
    expect({ status: response.status, error: response.body.error }).toEqual({ status: 400, error });
  });

  it('the policy names existing clients, in the documented shape', async () => {
    const unknown = await ctx.admin.send('PATCH', `/admin/v1/apis/${apis[ORDERS].id}`, { token_exchange: { allowed_clients: ['no-such-client'] } });
    expect({ status: unknown.status, fields: unknown.body.fields }).toEqual({ status: 400, fields: { token_exchange: expect.stringContaining('no-such-client') } });
    const malformed = await ctx.admin.send('PATCH', `/admin/v1/apis/${apis[ORDERS].id}`, { token_exchange: { allowed_clients: 'x' } });
    expect(malformed.status).toBe(400);
  });

  it('a public client cannot register for token exchange', async () => {
    const response = await ctx.admin.createClient({ client_name: 'spa', grant_types: [TOKEN_EXCHANGE], token_endpoint_auth_method: 'none' });
    expect(response.status).toBe(400);
  });

  it('revoking the subject token refuses further exchanges; revoking its grant ends the exchanged tokens', async () => {
    const { url, verifier } = authorizeWithPkce(web.client_id, { scope: 'openid offline_access billing:read' });
    const code = callbackParams(await authorize(new BrowserSession(ctx.server.baseUrl), url, person)).get('code')!;
    const own = (await redeemCode(ctx.server.baseUrl, web, code, verifier)).body;
    const exchanged = (await exchange(ordersService, { subject_token: own.access_token, resource: BILLING })).body.access_token;
    const revoke = (token: string) => postForm(`${ctx.server.baseUrl}/oauth2/revoke`, { token }, { authorization: basicAuth(web.client_id, web.client_secret!) });

    expect((await revoke(own.access_token)).status).toBe(200);
    const refused = await exchange(ordersService, { subject_token: own.access_token, resource: BILLING });
    expect(refused.body.error).toBe('invalid_request');
    expect((await revoke(own.refresh_token!)).status).toBe(200);
    expect(await introspect(ctx.server.baseUrl, apiCaller(BILLING), exchanged)).toEqual({ active: false });
  });
});
