import { ADMIN_USERNAME } from '../support/test-server';
import { useTestServer } from '../support/server-fixture';
import { request } from '../support/http';
import { BrowserSession, submitLogin } from '../support/browser-session';
import { authorize, authorizeUrl, callbackParams, pkce, registerWebClient } from '../support/sign-in';

interface UserView {
  id: string;
  username: string;
  roles: string[];
  disabled: boolean;
  email: string | null;
  [key: string]: unknown;
}

describe('admin API: /admin/v1/users', () => {
  const ctx = useTestServer();

  it('the bootstrap admin person exists once with role admin', async () => {
    const page = await ctx.admin.get<{ items: UserView[] }>(`/admin/v1/users?search=${ADMIN_USERNAME}`);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.items[0].roles).toEqual(['admin']);
  });

  it('creates, reads, updates and deletes a person without ever returning the hash', async () => {
    const created = await ctx.admin.send<UserView>('POST', '/admin/v1/users', { username: 'grace', password: 'cobol is fine', email: 'grace@example.com', name: 'Grace Hopper', roles: ['ops'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'grace', email: 'grace@example.com', roles: ['ops'], disabled: false, email_verified: false });
    expect(created.text).not.toMatch(/password|argon2/);

    const fetched = await ctx.admin.get<UserView>(`/admin/v1/users/${created.body.id}`);
    expect(fetched.body).toEqual(created.body);

    const patched = await ctx.admin.send<UserView>('PATCH', `/admin/v1/users/${created.body.id}`, { roles: ['ops', 'admin'], email: null, disabled: true });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ roles: ['ops', 'admin'], email: null, disabled: true });

    expect((await ctx.admin.send('DELETE', `/admin/v1/users/${created.body.id}`)).status).toBe(204);
    expect((await ctx.admin.get(`/admin/v1/users/${created.body.id}`)).status).toBe(404);
    expect((await ctx.admin.get('/admin/v1/users/not-a-uuid')).status).toBe(404);
  });

  it('validates bodies field by field', async () => {
    const short = await ctx.admin.send('POST', '/admin/v1/users', { username: 'x', password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.fields).toHaveProperty('password');
    const badName = await ctx.admin.send('POST', '/admin/v1/users', { username: 'has space', password: 'long enough pw' });
    expect(badName.status).toBe(400);
    const badEmail = await ctx.admin.send('POST', '/admin/v1/users', { username: 'e', password: 'long enough pw', email: 'nope' });
    expect(badEmail.body.fields).toHaveProperty('email');
  });

  it('paginates with search, limit and cursor', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) {
      expect((await ctx.admin.send('POST', '/admin/v1/users', { username: name, password: 'long enough pw' })).status).toBe(201);
    }
    const first = await ctx.admin.get<{ items: UserView[]; next_cursor: string | null }>('/admin/v1/users?search=page-&limit=2');
    expect(first.body.items.map((user) => user.username)).toEqual(['page-a', 'page-b']);
    const second = await ctx.admin.get<{ items: UserView[]; next_cursor: string | null }>(`/admin/v1/users?search=page-&limit=2&cursor=${first.body.next_cursor}`);
    expect(second.body.items.map((user) => user.username)).toEqual(['page-c']);
    expect(second.body.next_cursor).toBeNull();
    expect((await ctx.admin.get('/admin/v1/users?cursor=garbage')).status).toBe(400);
  });

  it('sets a password: the old one stops working and sessions end', async () => {
    const created = await ctx.admin.send<UserView>('POST', '/admin/v1/users', { username: 'linus', password: 'first password' });
    const browser = new BrowserSession(ctx.server.baseUrl);
    await submitLogin(browser, await browser.get('/login'), 'linus', 'first password');
    expect((await ctx.admin.send('POST', `/admin/v1/users/${created.body.id}/password`, { password: 'second password' })).status).toBe(204);
    expect((await ctx.admin.get<{ items: unknown[] }>(`/admin/v1/users/${created.body.id}/sessions`)).body.items).toHaveLength(0);
    const old = await submitLogin(browser, await browser.get('/login'), 'linus', 'first password');
    expect(old.status).toBe(401);
    const fresh = await submitLogin(browser, await browser.get('/login'), 'linus', 'second password');
    expect(fresh.status).toBe(303);
  });

  it('lists and revokes consents and sessions', async () => {
    const created = await ctx.admin.send<UserView>('POST', '/admin/v1/users', { username: 'barbara', password: 'liskov substitution' });
    const client = await registerWebClient(ctx.admin);
    const browser = new BrowserSession(ctx.server.baseUrl);
    callbackParams(await authorize(browser, authorizeUrl(client.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256' }), { username: 'barbara', password: 'liskov substitution' }));

    const consents = await ctx.admin.get<{ items: Array<{ client_id: string; scopes: string[] }> }>(`/admin/v1/users/${created.body.id}/consents`);
    expect(consents.body.items).toEqual([expect.objectContaining({ client_id: client.client_id, scopes: ['email', 'openid', 'profile'] })]);
    expect((await ctx.admin.send('DELETE', `/admin/v1/users/${created.body.id}/consents?client_id=${client.client_id}`)).status).toBe(204);
    expect((await ctx.admin.get<{ items: unknown[] }>(`/admin/v1/users/${created.body.id}/consents`)).body.items).toHaveLength(0);
    // Consent withdrawn: the consent page shows again.
    const again = await browser.get(authorizeUrl(client.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256' }));
    expect(again.location).toMatch(/^\/oauth2\/consent\?/);

    const sessions = await ctx.admin.get<{ items: Array<{ id: string }> }>(`/admin/v1/users/${created.body.id}/sessions`);
    expect(sessions.body.items).toHaveLength(1);
    expect((await ctx.admin.send('DELETE', `/admin/v1/users/${created.body.id}/sessions`)).status).toBe(204);
    const afterEnd = await browser.get(authorizeUrl(client.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256' }));
    expect(afterEnd.location).toMatch(/^\/login\?/);
  });

  it('requires an admin token', async () => {
    expect((await request(`${ctx.server.baseUrl}/admin/v1/users`)).status).toBe(401);
  });

  it('documents the users API in the OpenAPI document', async () => {
    const openapi = await request<{ paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>(`${ctx.server.baseUrl}/admin/v1/openapi.json`);
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/admin/v1/users', '/admin/v1/users/{id}', '/admin/v1/users/{id}/password', '/admin/v1/users/{id}/consents', '/admin/v1/users/{id}/sessions']));
    expect(openapi.body.components.schemas).toHaveProperty('CreateUserDto');
  });
});
