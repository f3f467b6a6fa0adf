import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../support/test-server';
import { useTestServer } from '../support/server-fixture';
import { basicAuth, postForm, postJson, request } from '../support/http';
import { BrowserSession } from '../support/browser-session';
import { authorize, authorizeUrl, callbackParams, createPerson, pkce, redeemCode } from '../support/sign-in';

/**
 * Privilege escalation through the admin API (RFC 9700 §4.10 privilege restriction of access tokens, RFC
 * 6749 §3.3 scope): only a token with scope `admin` held by an administrator person or an admin client gets
 * in; a scope alone, a deleted client or a self-service PATCH is not enough.
 */
describe('RFC 9700 §4.10: privilege escalation through the admin API', () => {
  const ctx = useTestServer();

  const adminGet = (token: string, path = '/admin/v1/clients') => request(`${ctx.server.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });

  /** A token for `person` through the admin console's own client (public, PKCE), asking for scope admin. */
  async function consoleToken(person: { username: string; password: string }): Promise<{ access_token: string; scope: string }> {
    const console = { client_id: 'admin-console' };
    const redirectUri = `${ctx.server.config.issuer}/console/callback`;
    const { verifier, challenge } = pkce();
    const browser = new BrowserSession(ctx.server.baseUrl);
    const result = await authorize(browser, authorizeUrl(console.client_id, { code_challenge: challenge, code_challenge_method: 'S256', scope: 'openid admin' }, redirectUri), person);
    const code = callbackParams(result).get('code')!;
    const tokens = await redeemCode(ctx.server.baseUrl, console, code, verifier, redirectUri);
    expect(tokens.status).toBe(200);
    return tokens.body;
  }

  async function clientToken(client: { client_id: string; client_secret?: string }, scope?: string) {
    return postForm<{ access_token: string; error?: string; scope?: string }>(`${ctx.server.baseUrl}/oauth2/token`, { grant_type: 'client_credentials', ...(scope ? { scope } : {}) }, { authorization: basicAuth(client.client_id, client.client_secret!) });
  }

  it('control: the admin person through the admin console gets in', async () => {
    const tokens = await consoleToken({ username: ADMIN_USERNAME, password: ADMIN_PASSWORD });
    expect((await adminGet(tokens.access_token)).status).toBe(200);
  });

  it('a non-admin person\'s token carrying scope admin (through admin-console) is refused with 403', async () => {
    const person = await createPerson(ctx.admin, { roles: ['ops'] });
    const tokens = await consoleToken(person);
    for (const path of ['/admin/v1/clients', '/admin/v1/users', '/admin/v1/keys', '/admin/v1/apis']) {
      const response = await adminGet(tokens.access_token, path);
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
    }
    const escalate = await postJson(`${ctx.server.baseUrl}/admin/v1/users`, { username: 'sneaky', password: 'long enough pw', roles: ['admin'] }, { authorization: `Bearer ${tokens.access_token}` });
    expect(escalate.status).toBe(403);
    const selfPromote = await postJson(`${ctx.server.baseUrl}/admin/v1/users/${person.id}`, { roles: ['admin'] }, { authorization: `Bearer ${tokens.access_token}` }, 'PATCH');
    expect(selfPromote.status).toBe(403);
    expect((await ctx.admin.get<{ roles: string[] }>(`/admin/v1/users/${person.id}`)).body.roles).toEqual(['ops']);
  });

  it('an admin person loses access at once when the role is removed or the account disabled', async () => {
    const person = await createPerson(ctx.admin, { roles: ['admin'] });
    const tokens = await consoleToken(person);
    expect((await adminGet(tokens.access_token)).status).toBe(200);
    await ctx.admin.send('PATCH', `/admin/v1/users/${person.id}`, { roles: [] });
    expect((await adminGet(tokens.access_token)).status).toBe(403);
  });

  it('RFC 6749 §3.3: a client_credentials token without scope admin is refused with 403 insufficient_scope', async () => {
    const service = await ctx.admin.registerClient({ client_name: 'svc', grant_types: ['client_credentials'], scope: 'orders:read' });
    const token = await clientToken(service);
    expect(token.status).toBe(200);
    const response = await adminGet(token.body.access_token);
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toContain('insufficient_scope');
    expect((await clientToken(service, 'admin')).body.error).toBe('invalid_scope');
  });

  it('RFC 9700 §4.10: a client cannot grant itself the admin scope by PATCHing itself', async () => {
    const service = await ctx.admin.registerClient({ client_name: 'svc', grant_types: ['client_credentials'], scope: 'orders:read' });
    const token = (await clientToken(service)).body.access_token;
    for (const method of ['PATCH', 'PUT']) {
      const response = await postJson(`${ctx.server.baseUrl}/admin/v1/clients/${service.client_id}`, { scope: 'orders:read admin' }, { authorization: `Bearer ${token}` }, method);
      expect({ method, status: response.status }).toEqual({ method, status: 403 });
    }
    expect((await ctx.admin.get<{ scope: string }>(`/admin/v1/clients/${service.client_id}`)).body.scope).toBe('orders:read');
    expect((await clientToken(service, 'admin')).body.error).toBe('invalid_scope');
  });

  it('tokens of a deleted client are refused by the admin API and inactive at introspection', async () => {
    const operator = await ctx.admin.registerClient({ client_name: 'operator', grant_types: ['client_credentials'], scope: 'admin' });
    const token = (await clientToken(operator, 'admin')).body.access_token;
    expect((await adminGet(token)).status).toBe(200);
    expect((await ctx.admin.send('DELETE', `/admin/v1/clients/${operator.client_id}`)).status).toBe(204);
    expect((await adminGet(token)).status).toBe(401);
    const introspection = await postForm(`${ctx.server.baseUrl}/oauth2/introspect`, { token }, { authorization: basicAuth('test-admin', 'test-admin-secret-0123456789') });
    expect(introspection.body).toEqual({ active: false });
    expect((await request(`${ctx.server.baseUrl}/oauth2/userinfo`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('RFC 6750 §3.1: no token, a malformed header, or a token in the query string is 401', async () => {
    expect((await request(`${ctx.server.baseUrl}/admin/v1/clients`)).status).toBe(401);
    expect((await request(`${ctx.server.baseUrl}/admin/v1/clients`, { headers: { authorization: `Basic ${ctx.admin.token}` } })).status).toBe(401);
    expect((await request(`${ctx.server.baseUrl}/admin/v1/clients?access_token=${ctx.admin.token}`)).status).toBe(401);
  });
});
