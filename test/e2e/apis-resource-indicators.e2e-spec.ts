import { createLocalJWKSet, jwtVerify } from 'jose';
import { basicAuth, decodeJwt, postForm, request } from '../support/http';
import { useTestServer } from '../support/server-fixture';

interface ApiView { id: string; identifier: string; client_id: string; client_secret?: string; scopes: Array<{ name: string }> }

describe('APIs as registrations, resource indicators (RFC 8707) and introspection rules (RFC 7662 §4)', () => {
  const ctx = useTestServer();
  let orders: ApiView;
  let billing: ApiView;
  let app: { client_id: string; client_secret?: string };

  const tokenFor = (params: Record<string, string>, client = app) =>
    postForm<{ access_token: string; scope: string }>(`${ctx.server.baseUrl}/oauth2/token`, { grant_type: 'client_credentials', ...params }, { authorization: basicAuth(client.client_id, client.client_secret!) });
  const introspectAs = (caller: { client_id: string; client_secret?: string }, token: string, headers: Record<string, string> = {}) =>
    postForm(`${ctx.server.baseUrl}/oauth2/introspect`, { token }, { authorization: basicAuth(caller.client_id, caller.client_secret!), ...headers });

  beforeAll(async () => {
    orders = (await ctx.admin.send<ApiView>('POST', '/admin/v1/apis', {
      identifier: 'https://orders.example.com',
      name: 'Orders',
      scopes: [{ name: 'orders:read', description: 'Read orders' }, { name: 'orders:write', description: 'Change orders' }],
    })).body;
    billing = (await ctx.admin.send<ApiView>('POST', '/admin/v1/apis', {
      identifier: 'https://billing.example.com',
      name: 'Billing',
      scopes: [{ name: 'billing:read' }],
      access_token_format: 'opaque',
      access_token_ttl: 120,
    })).body;
    app = await ctx.admin.registerClient({ client_name: 'app', grant_types: ['client_credentials'], scope: 'orders:read billing:read' });
  });

  it('registers an API with its own introspection credentials, shown once', async () => {
    expect(orders).toMatchObject({ identifier: 'https://orders.example.com', client_id: expect.any(String), client_secret: expect.any(String) });
    const fetched = await ctx.admin.get<ApiView>(`/admin/v1/apis/${orders.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body.client_secret).toBeUndefined();
    const listed = await ctx.admin.get<{ items: ApiView[] }>('/admin/v1/apis?search=orders');
    expect(listed.body.items.map((api) => api.identifier)).toEqual(['https://orders.example.com']);
  });

  it('rejects a duplicate identifier (409) and invalid input with the field named', async () => {
    expect((await ctx.admin.send('POST', '/admin/v1/apis', { identifier: 'https://orders.example.com', name: 'again' })).status).toBe(409);
    const relative = await ctx.admin.send('POST', '/admin/v1/apis', { identifier: 'orders', name: 'x' });
    expect(relative.status).toBe(400);
    expect(relative.body.fields).toHaveProperty('identifier');
    const badScope = await ctx.admin.send('POST', '/admin/v1/apis', { identifier: 'https://x.example.com', name: 'x', scopes: [{ name: 'a b' }] });
    expect(badScope.status).toBe(400);
    expect(badScope.body.fields).toHaveProperty(['scopes[0].name']);
    expect((await ctx.admin.get('/admin/v1/apis/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await ctx.admin.get('/admin/v1/apis/not-a-uuid')).status).toBe(404);
  });

  it('issues a token whose aud is the requested resource, narrowed to that API\'s scopes', async () => {
    const response = await tokenFor({ resource: orders.identifier });
    expect(response.status).toBe(200);
    expect(response.body.scope).toBe('orders:read');
    expect(decodeJwt(response.body.access_token).payload).toMatchObject({ aud: orders.identifier, scope: 'orders:read' });
  });

  it('refuses a requested scope the API does not define (invalid_scope)', async () => {
    const response = await tokenFor({ resource: orders.identifier, scope: 'billing:read' });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_scope' });
  });

  it('answers invalid_target for an unknown resource, a fragment, or an API the client has no scope of (RFC 8707 §2)', async () => {
    expect((await tokenFor({ resource: 'https://unknown.example.com' })).body).toMatchObject({ error: 'invalid_target' });
    expect((await tokenFor({ resource: 'https://orders.example.com#x' })).body).toMatchObject({ error: 'invalid_target' });
    expect((await tokenFor({ resource: 'not a uri' })).body).toMatchObject({ error: 'invalid_target' });
    const outsider = await ctx.admin.registerClient({ client_name: 'outsider', grant_types: ['client_credentials'], scope: 'other' });
    const response = await tokenFor({ resource: orders.identifier }, outsider);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_target' });
  });

  it('answers invalid_target, not invalid_request, for several resources at once (RFC 8707 §2)', async () => {
    const response = await postForm(
      `${ctx.server.baseUrl}/oauth2/token`,
      { grant_type: 'client_credentials', resource: [orders.identifier, billing.identifier] },
      { authorization: basicAuth(app.client_id, app.client_secret!) },
    );
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: 'invalid_target', error_description: 'A token can be issued for one resource at a time' });
  });

  it('shows an API only tokens meant for it', async () => {
    const forOrders = (await tokenFor({ resource: orders.identifier })).body.access_token;
    expect((await introspectAs(orders, forOrders)).body).toMatchObject({ active: true, aud: orders.identifier });
    expect((await introspectAs(billing, forOrders)).body).toEqual({ active: false });
    const noResource = (await tokenFor({})).body.access_token;
    expect((await introspectAs(orders, noResource)).body).toEqual({ active: false });
  });

  it('lets a client introspect its own tokens but not another client\'s', async () => {
    const token = (await tokenFor({ resource: orders.identifier })).body.access_token;
    expect((await introspectAs(app, token)).body.active).toBe(true);
    const stranger = await ctx.admin.registerClient({ client_name: 'stranger', grant_types: ['client_credentials'], scope: 'x' });
    expect((await introspectAs(stranger, token)).body).toEqual({ active: false });
  });

  it('issues opaque reference tokens for an API that wants them: introspectable, revocable', async () => {
    const response = await tokenFor({ resource: billing.identifier });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ scope: 'billing:read', expires_in: 120 });
    const token = response.body.access_token;
    expect(token.split('.')).toHaveLength(1);
    expect((await introspectAs(billing, token)).body).toMatchObject({ active: true, aud: billing.identifier, scope: 'billing:read', client_id: app.client_id });
    expect((await introspectAs(orders, token)).body).toEqual({ active: false });
    const revoked = await postForm(`${ctx.server.baseUrl}/oauth2/revoke`, { token }, { authorization: basicAuth(app.client_id, app.client_secret!) });
    expect(revoked.status).toBe(200);
    expect((await introspectAs(billing, token)).body).toEqual({ active: false });
  });

  it('answers with a signed JWT when asked for application/token-introspection+jwt (RFC 9701)', async () => {
    const token = (await tokenFor({ resource: orders.identifier })).body.access_token;
    const response = await introspectAs(orders, token, { accept: 'application/token-introspection+jwt' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/token-introspection\+jwt/);
    const jwks = (await request<{ keys: [] }>(`${ctx.server.baseUrl}/oauth2/jwks`)).body;
    const { payload, protectedHeader } = await jwtVerify(response.text, createLocalJWKSet(jwks), { issuer: ctx.server.config.issuer, audience: orders.client_id });
    expect(protectedHeader.typ).toBe('token-introspection+jwt');
    expect(payload.token_introspection).toMatchObject({ active: true, aud: orders.identifier });
  });

  it('changes and removes an API; its credentials go with it', async () => {
    const temp = (await ctx.admin.send<ApiView>('POST', '/admin/v1/apis', { identifier: 'https://temp.example.com', name: 'Temp' })).body;
    const patched = await ctx.admin.send('PATCH', `/admin/v1/apis/${temp.id}`, { name: 'Temporary', scopes: [{ name: 'temp:x' }] });
    expect(patched.body).toMatchObject({ name: 'Temporary', scopes: [{ name: 'temp:x', description: '' }] });
    expect((await ctx.admin.send('PATCH', `/admin/v1/apis/${temp.id}`, { identifier: 'https://moved.example.com' })).status).toBe(400);
    expect((await ctx.admin.send('DELETE', `/admin/v1/apis/${temp.id}`)).status).toBe(204);
    expect((await ctx.admin.get(`/admin/v1/apis/${temp.id}`)).status).toBe(404);
    const introspect = await introspectAs(temp, 'x');
    expect(introspect.status).toBe(401);
  });
});
