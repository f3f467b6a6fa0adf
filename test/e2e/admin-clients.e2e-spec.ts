import { basicAuth, postForm, postJson, request } from '../support/http';
import { useTestServer } from '../support/server-fixture';

describe('Admin API /admin/v1/clients', () => {
  const ctx = useTestServer();

  it('registers a client with RFC 7591 defaults and shows the secret once', async () => {
    const created = await ctx.admin.createClient({ client_name: 'Web app', redirect_uris: ['https://app.example.com/callback'], scope: 'openid profile' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      client_id: expect.any(String),
      client_secret: expect.any(String),
      client_secret_expires_at: 0,
      client_name: 'Web app',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: ['https://app.example.com/callback'],
      scope: 'openid profile',
      require_pkce: true,
    });
    expect((created.body.client_secret as string).length).toBeGreaterThanOrEqual(43);
    const fetched = await ctx.admin.get(`/admin/v1/clients/${created.body.client_id as string}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body.client_secret).toBeUndefined();
    expect(fetched.text).not.toContain(created.body.client_secret as string);
  });

  it('OIDC Registration §2: keeps default_acr_values through create, GET and PATCH; none by default', async () => {
    const created = await ctx.admin.createClient({ redirect_uris: ['https://app.example.com/callback'], default_acr_values: ['mfa'] });
    expect(created.status).toBe(201);
    expect(created.body.default_acr_values).toEqual(['mfa']);
    const path = `/admin/v1/clients/${created.body.client_id as string}`;
    expect((await ctx.admin.get(path)).body.default_acr_values).toEqual(['mfa']);
    const patched = await ctx.admin.send('PATCH', path, { default_acr_values: ['phr'] });
    expect(patched.status).toBe(200);
    expect(patched.body.default_acr_values).toEqual(['phr']);
    const untouched = await ctx.admin.send('PATCH', path, { client_name: 'Renamed' });
    expect(untouched.body.default_acr_values).toEqual(['phr']);
    const plain = await ctx.admin.createClient({ redirect_uris: ['https://app.example.com/callback'] });
    expect(plain.body.default_acr_values).toEqual([]);
  });

  it('registers a public SPA client without a secret', async () => {
    const created = await ctx.admin.createClient({ client_name: 'SPA', redirect_uris: ['http://127.0.0.1:5173/cb'], token_endpoint_auth_method: 'none' });
    expect(created.status).toBe(201);
    expect(created.body.client_secret).toBeUndefined();
    expect(created.body.require_pkce).toBe(true);
  });

  it.each([
    ['a relative redirect URI', { redirect_uris: ['/callback'] }, 'invalid_redirect_uri', 'redirect_uris[0]'],
    ['a redirect URI with a fragment', { redirect_uris: ['https://a.example.com/cb#x'] }, 'invalid_redirect_uri', 'redirect_uris[0]'],
    ['plain http to a public host', { redirect_uris: ['http://a.example.com/cb'] }, 'invalid_redirect_uri', 'redirect_uris[0]'],
    ['a javascript: redirect', { redirect_uris: ['javascript:alert(1)'] }, 'invalid_redirect_uri', 'redirect_uris[0]'],
    ['authorization_code without redirect URIs', { grant_types: ['authorization_code'] }, 'invalid_redirect_uri', 'redirect_uris'],
    ['a public client with client_credentials', { grant_types: ['client_credentials'], token_endpoint_auth_method: 'none' }, 'invalid_client_metadata', 'token_endpoint_auth_method'],
    ['an unknown grant type', { grant_types: ['password'] }, 'invalid_client_metadata', 'grant_types'],
    ['the implicit response type', { redirect_uris: ['https://a.example.com/cb'], response_types: ['token'] }, 'invalid_client_metadata', 'response_types'],
    ['a malformed scope', { grant_types: ['client_credentials'], scope: 'a  b' }, 'invalid_client_metadata', 'scope'],
    ['a wrongly typed field', { grant_types: 'client_credentials' }, 'invalid_client_metadata', 'grant_types'],
    ['an unknown auth method', { grant_types: ['client_credentials'], token_endpoint_auth_method: 'tls_client_auth' }, 'invalid_client_metadata', 'token_endpoint_auth_method'],
    ['an acr value this server does not speak', { grant_types: ['client_credentials'], default_acr_values: ['urn:gold'] }, 'invalid_client_metadata', 'default_acr_values'],
    ['default_acr_values that is not a list', { grant_types: ['client_credentials'], default_acr_values: 'mfa' }, 'invalid_client_metadata', 'default_acr_values'],
  ])('rejects %s with 400 naming the field', async (_name, metadata, code, field) => {
    const response = await ctx.admin.createClient(metadata);
    expect(response.status).toBe(400);
    expect(response.body.error).toBe(code);
    expect(response.body.fields).toHaveProperty([field]);
  });

  it('accepts loopback http and private-use schemes for native apps (RFC 8252 §7)', async () => {
    const response = await ctx.admin.createClient({
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      redirect_uris: ['http://127.0.0.1/callback', 'http://[::1]/callback', 'com.example.app:/oauth2redirect'],
    });
    expect(response.status).toBe(201);
  });

  it('answers malformed JSON with 400 invalid_request', async () => {
    const response = await request(`${ctx.server.baseUrl}/admin/v1/clients`, {
      method: 'POST',
      headers: { ...ctx.admin.authorization, 'content-type': 'application/json' },
      body: '{"client_name": ',
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_request');
  });

  it('answers 404 for unknown ids', async () => {
    for (const [method, path] of [['GET', '/admin/v1/clients/nope'], ['DELETE', '/admin/v1/clients/nope'], ['POST', '/admin/v1/clients/nope/secret']]) {
      const response = await ctx.admin.send(method, path);
      expect(response.status).toBe(404);
      expect(response.body.error).toBe('not_found');
    }
  });

  it('lists clients in pages with a cursor and searches by name', async () => {
    for (let i = 0; i < 5; i++) await ctx.admin.registerClient({ client_name: `paged-${i}`, grant_types: ['client_credentials'] });
    const first = await ctx.admin.get<{ items: Array<{ client_name: string }>; next_cursor: string | null }>('/admin/v1/clients?limit=3&search=paged-');
    expect(first.status).toBe(200);
    expect(first.body.items.map((item) => item.client_name)).toEqual(['paged-0', 'paged-1', 'paged-2']);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await ctx.admin.get<{ items: Array<{ client_name: string }>; next_cursor: string | null }>(`/admin/v1/clients?limit=3&search=paged-&cursor=${first.body.next_cursor}`);
    expect(second.body.items.map((item) => item.client_name)).toEqual(['paged-3', 'paged-4']);
    expect(second.body.next_cursor).toBeNull();
  });

  it('rejects a bad limit or cursor', async () => {
    expect((await ctx.admin.get('/admin/v1/clients?limit=0')).status).toBe(400);
    expect((await ctx.admin.get('/admin/v1/clients?limit=1000')).status).toBe(400);
    expect((await ctx.admin.get('/admin/v1/clients?cursor=garbage')).status).toBe(400);
  });

  it('updates with PUT and PATCH', async () => {
    const client = await ctx.admin.registerClient({ client_name: 'before', grant_types: ['client_credentials'], scope: 'a' });
    await ctx.admin.defineScopes(['b']);
    const patched = await ctx.admin.send('PATCH', `/admin/v1/clients/${client.client_id}`, { client_name: 'after', scope: 'a b' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ client_name: 'after', scope: 'a b', grant_types: ['client_credentials'] });
    const replaced = await ctx.admin.send('PUT', `/admin/v1/clients/${client.client_id}`, { client_name: 'replaced', grant_types: ['client_credentials'] });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ client_name: 'replaced', scope: '' });
    const invalid = await ctx.admin.send('PATCH', `/admin/v1/clients/${client.client_id}`, { redirect_uris: ['nope'] });
    expect(invalid.status).toBe(400);
    expect((await ctx.admin.get(`/admin/v1/clients/${client.client_id}`)).body.client_name).toBe('replaced');
  });

  it('rotates a secret: the new one works, the old one stops working', async () => {
    const client = await ctx.admin.registerClient({ client_name: 'rotating', grant_types: ['client_credentials'] });
    const rotated = await ctx.admin.send('POST', `/admin/v1/clients/${client.client_id}/secret`);
    expect(rotated.status).toBe(200);
    const newSecret = rotated.body.client_secret as string;
    expect(newSecret).not.toBe(client.client_secret);
    const tokenUrl = `${ctx.server.baseUrl}/oauth2/token`;
    expect((await postForm(tokenUrl, { grant_type: 'client_credentials' }, { authorization: basicAuth(client.client_id, client.client_secret!) })).status).toBe(401);
    expect((await postForm(tokenUrl, { grant_type: 'client_credentials' }, { authorization: basicAuth(client.client_id, newSecret) })).status).toBe(200);
  });

  it('deletes a client: it can no longer authenticate', async () => {
    const client = await ctx.admin.registerClient({ client_name: 'doomed', grant_types: ['client_credentials'] });
    expect((await ctx.admin.send('DELETE', `/admin/v1/clients/${client.client_id}`)).status).toBe(204);
    expect((await ctx.admin.get(`/admin/v1/clients/${client.client_id}`)).status).toBe(404);
    const token = await postForm(`${ctx.server.baseUrl}/oauth2/token`, { grant_type: 'client_credentials' }, { authorization: basicAuth(client.client_id, client.client_secret!) });
    expect(token.status).toBe(401);
  });

  it('requires a bearer token: 401 with a Bearer challenge (RFC 6750 §3.1)', async () => {
    const response = await postJson(`${ctx.server.baseUrl}/admin/v1/clients`, { client_name: 'x' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const garbage = await request(`${ctx.server.baseUrl}/admin/v1/clients`, { headers: { authorization: 'Bearer garbage' } });
    expect(garbage.status).toBe(401);
    expect(garbage.body.error).toBe('invalid_token');
  });

  it('refuses a token without the admin scope: 403 insufficient_scope', async () => {
    const client = await ctx.admin.registerClient({ client_name: 'not admin', grant_types: ['client_credentials'], scope: 'orders:read' });
    const token = await postForm<{ access_token: string }>(`${ctx.server.baseUrl}/oauth2/token`, { grant_type: 'client_credentials' }, { authorization: basicAuth(client.client_id, client.client_secret!) });
    const response = await request(`${ctx.server.baseUrl}/admin/v1/clients`, { headers: { authorization: `Bearer ${token.body.access_token}` } });
    expect(response.status).toBe(403);
    expect(response.body.error).toBe('insufficient_scope');
    expect(response.headers.get('www-authenticate')).toContain('insufficient_scope');
  });

  it('serves the OpenAPI document generated from the DTOs', async () => {
    const response = await request<{ openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>(`${ctx.server.baseUrl}/admin/v1/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/admin/v1/clients', '/admin/v1/clients/{clientId}', '/admin/v1/keys/rotate']));
    expect(response.body.components.schemas).toHaveProperty('ClientMetadataDto');
  });
});
