import { basicAuth, decodeJwt, postForm } from '../support/http';
import { useTestServer } from '../support/server-fixture';

interface ApiView { id: string; identifier: string; scopes: Array<{ name: string }> }
interface ApiClientView { client_id: string; client_name: string; grant_types: string[]; scopes: string[]; client_credentials: boolean }
interface ClientPage { items: ApiClientView[]; next_cursor: string | null }
interface FieldError { error: string; error_description: string; fields: Record<string, string> }

/** A client may hold only scopes someone serves: the server's own, or those of a registered API. */
describe('client scopes must be known (admin API)', () => {
  const ctx = useTestServer();
  let orders: ApiView;

  const create = (metadata: Record<string, unknown>) => ctx.admin.send<FieldError & { client_id: string; client_secret?: string; scope: string }>('POST', '/admin/v1/clients', metadata);
  const service = (name: string, scope: string) => ({ client_name: name, grant_types: ['client_credentials'], scope });
  const callers = (api: ApiView, query = '') => ctx.admin.get<ClientPage>(`/admin/v1/apis/${api.id}/clients${query}`);

  beforeAll(async () => {
    const created = await ctx.admin.send<ApiView>('POST', '/admin/v1/apis', {
      identifier: 'https://orders.scopes.test',
      name: 'Orders',
      scopes: [{ name: 'orders:read', description: 'Read orders' }, { name: 'orders:write', description: 'Change orders' }],
    });
    expect(created.status).toBe(201);
    orders = created.body;
  });

  it('refuses a scope no API defines with 400 invalid_client_metadata naming the scope field', async () => {
    const refused = await create(service('typo', 'orders:read orders:delete'));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_client_metadata');
    expect(refused.body.error_description).toBe('scope holds orders:delete, which neither this server nor a registered API defines');
    expect(refused.body.fields).toEqual({ scope: 'holds orders:delete, which neither this server nor a registered API defines' });
  });

  it('accepts the sign-in scopes of discovery and the server\'s own (admin, scim) without any API', async () => {
    const discovery = await ctx.admin.get<{ scopes_supported: string[] }>('/.well-known/openid-configuration');
    const created = await create({ client_name: 'web', redirect_uris: ['https://web.example.com/cb'], scope: discovery.body.scopes_supported.join(' ') });
    expect(created.status).toBe(201);
    expect(created.body.scope.split(' ')).toEqual(discovery.body.scopes_supported);
    expect((await create(service('ops', 'admin admin:read scim'))).status).toBe(201);
  });

  it('accepts the scopes a registered API defines, and a token for the API carries them with its audience', async () => {
    const created = await create(service('reporting', 'orders:read'));
    expect(created.status).toBe(201);
    const token = await postForm<{ access_token: string; scope: string }>(
      `${ctx.server.baseUrl}/oauth2/token`,
      { grant_type: 'client_credentials', scope: 'orders:read', resource: orders.identifier },
      { authorization: basicAuth(created.body.client_id, created.body.client_secret!) },
    );
    expect(token.status).toBe(200);
    expect(decodeJwt(token.body.access_token).payload).toMatchObject({ aud: orders.identifier, scope: 'orders:read' });
  });

  it('refuses an unknown scope on PUT and on PATCH, and leaves the client as it was', async () => {
    const client = await create(service('steady', 'orders:read'));
    const patched = await ctx.admin.send<FieldError>('PATCH', `/admin/v1/clients/${client.body.client_id}`, { scope: 'orders:read invented' });
    expect(patched.status).toBe(400);
    expect(patched.body.fields.scope).toContain('holds invented,');
    const replaced = await ctx.admin.send<FieldError>('PUT', `/admin/v1/clients/${client.body.client_id}`, service('steady', 'invented'));
    expect(replaced.status).toBe(400);
    expect(replaced.body.fields).toHaveProperty('scope');
    expect((await ctx.admin.get<{ scope: string }>(`/admin/v1/clients/${client.body.client_id}`)).body.scope).toBe('orders:read');
  });

  it('accepts a scope once an API defines it', async () => {
    expect((await create(service('early', 'ledger:read'))).status).toBe(400);
    expect((await ctx.admin.send('POST', '/admin/v1/apis', { identifier: 'https://ledger.scopes.test', name: 'Ledger', scopes: [{ name: 'ledger:read' }] })).status).toBe(201);
    expect((await create(service('early', 'ledger:read'))).status).toBe(201);
  });

  describe('GET /admin/v1/apis/{id}/clients', () => {
    let api: ApiView;
    const ids: string[] = [];

    beforeAll(async () => {
      api = (await ctx.admin.send<ApiView>('POST', '/admin/v1/apis', {
        identifier: 'https://payroll.scopes.test',
        name: 'Payroll',
        scopes: [{ name: 'payroll:read' }, { name: 'payroll:write' }],
      })).body;
      for (const scope of ['payroll:read', 'openid payroll:write payroll:read', 'payroll:write']) {
        const created = await create(service(`payroll ${ids.length}`, scope));
        expect(created.status).toBe(201);
        ids.push(created.body.client_id);
      }
      expect((await create(service('bystander', 'orders:read'))).status).toBe(201);
    });

    it('lists the applications holding one of the API\'s scopes, with only those scopes, in creation order', async () => {
      const page = await callers(api);
      expect(page.status).toBe(200);
      expect(page.body.next_cursor).toBeNull();
      expect(page.body.items.map((item) => item.client_id)).toEqual(ids);
      expect(page.body.items[1]).toEqual({ client_id: ids[1], client_name: 'payroll 1', grant_types: ['client_credentials'], scopes: ['payroll:write', 'payroll:read'], client_credentials: true });
    });

    it('pages with limit and cursor like every admin list', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: ClientPage } = await callers(api, `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.items.map((item) => item.client_id));
        cursor = page.body.next_cursor;
      } while (cursor);
      expect(seen).toEqual(ids);
    });

    it('says which may use client credentials once the API lists its allowed clients', async () => {
      expect((await ctx.admin.send('PATCH', `/admin/v1/apis/${api.id}`, { allowed_clients: [ids[0]] })).status).toBe(200);
      const page = await callers(api);
      expect(page.body.items.map((item) => [item.client_id, item.client_credentials])).toEqual([[ids[0], true], [ids[1], false], [ids[2], false]]);
    });

    it('answers an unknown API with 404 and a malformed page query with 400', async () => {
      expect((await ctx.admin.get('/admin/v1/apis/00000000-0000-4000-8000-000000000000/clients')).status).toBe(404);
      expect((await ctx.admin.get('/admin/v1/apis/not-an-id/clients')).status).toBe(404);
      expect((await callers(api, '?limit=0')).status).toBe(400);
      expect((await callers(api, '?cursor=nope')).status).toBe(400);
    });

    it('is described in the OpenAPI document', async () => {
      const document = await ctx.admin.get<{ paths: Record<string, Record<string, unknown>> }>('/admin/v1/openapi.json');
      expect(document.body.paths['/admin/v1/apis/{id}/clients']).toHaveProperty('get');
    });
  });
});
