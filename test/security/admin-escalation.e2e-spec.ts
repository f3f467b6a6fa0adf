import { consoleToken, machineToken } from '../support/admin-tokens';
import { postJson, request } from '../support/http';
import { useTestServer } from '../support/server-fixture';
import { CALLBACK, createPerson } from '../support/sign-in';


/**
 * No privilege escalation through the admin API: nobody hands out powers they lack or acts on a person
 * who holds more; an app owner sees nothing but their own apps; and the last administrator stays.
 */
describe('admin API: limited administrators cannot escalate', () => {
  const ctx = useTestServer();

  const as = (token: string) => ({
    get: (path: string) => request<{ error?: string; items?: Array<{ client_id: string }> }>(`${ctx.server.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } }),
    send: (method: string, path: string, body?: unknown) =>
      body === undefined
        ? request<{ error?: string }>(`${ctx.server.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}` } })
        : postJson<{ error?: string }>(`${ctx.server.baseUrl}${path}`, body, { authorization: `Bearer ${token}` }, method),
  });
  const personWithToken = async (roles: string[]) => {
    const person = await createPerson(ctx.admin, { roles });
    return { ...person, token: (await consoleToken(ctx, person)).access_token };
  };
  const rolesOf = async (id: string) => (await ctx.admin.get<{ roles: string[] }>(`/admin/v1/users/${id}`)).body.roles;

  it('helpdesk disables a person but cannot change roles, in any combination of fields', async () => {
    const helpdesk = await personWithToken(['helpdesk']);
    const target = await createPerson(ctx.admin);
    expect((await as(helpdesk.token).send('PATCH', `/admin/v1/users/${target.id}`, { disabled: true })).status).toBe(200);
    for (const body of [{ roles: ['admin'] }, { roles: ['helpdesk'] }, { disabled: false, roles: ['admin'] }, { name: 'Someone else' }]) {
      const response = await as(helpdesk.token).send('PATCH', `/admin/v1/users/${target.id}`, body);
      expect({ body, status: response.status, error: response.body.error }).toEqual({ body, status: 403, error: 'insufficient_scope' });
    }
    expect((await as(helpdesk.token).send('PATCH', `/admin/v1/users/${helpdesk.id}`, { roles: ['helpdesk', 'admin'] })).status).toBe(403);
    expect(await rolesOf(helpdesk.id)).toEqual(['helpdesk']);
    expect(await rolesOf(target.id)).toEqual([]);
  });

  it('helpdesk cannot take over a person with more powers: no password, sessions or disabling of an admin, auditor or app owner', async () => {
    const helpdesk = await personWithToken(['helpdesk']);
    const peopleClient = await machineToken(ctx, 'admin:people');
    for (const roles of [['admin'], ['auditor'], ['app-owner'], ['helpdesk', 'admin']]) {
      const target = await createPerson(ctx.admin, { roles });
      for (const token of [helpdesk.token, peopleClient]) {
        const attempts = [
          await as(token).send('POST', `/admin/v1/users/${target.id}/password`, { password: 'taken over 12345' }),
          await as(token).send('PATCH', `/admin/v1/users/${target.id}`, { disabled: true }),
          await as(token).send('DELETE', `/admin/v1/users/${target.id}/sessions`),
          await as(token).send('POST', `/admin/v1/users/${target.id}/unlock`),
        ];
        expect({ roles, statuses: attempts.map((attempt) => attempt.status) }).toEqual({ roles, statuses: [403, 403, 403, 403] });
      }
      expect((await ctx.admin.get<{ disabled: boolean }>(`/admin/v1/users/${target.id}`)).body.disabled).toBe(false);
    }
    // A peer is fair game: the same powers, not more.
    const peer = await createPerson(ctx.admin, { roles: ['helpdesk'] });
    expect((await as(helpdesk.token).send('POST', `/admin/v1/users/${peer.id}/unlock`)).status).toBe(204);
  });

  it('an admin role removed takes effect on the next call', async () => {
    const auditor = await personWithToken(['auditor']);
    expect((await as(auditor.token).get('/admin/v1/clients')).status).toBe(200);
    await ctx.admin.send('PATCH', `/admin/v1/users/${auditor.id}`, { roles: [] });
    expect((await as(auditor.token).get('/admin/v1/clients')).status).toBe(403);
  });

  it('an app owner lists and reaches only their own clients and APIs, and cannot hand them to themselves', async () => {
    const owner = await personWithToken(['app-owner']);
    const mine = await ctx.admin.registerClient({ client_name: 'Mine', redirect_uris: [CALLBACK], owners: [owner.username] });
    const theirs = await ctx.admin.registerClient({ client_name: 'Theirs', redirect_uris: [CALLBACK] });
    expect(mine.owners).toEqual([owner.id]);
    const listed = await as(owner.token).get('/admin/v1/clients');
    expect(listed.body.items!.map((client) => client.client_id)).toEqual([mine.client_id]);
    expect((await as(owner.token).get(`/admin/v1/clients/${theirs.client_id}`)).status).toBe(404);
    expect((await as(owner.token).send('PATCH', `/admin/v1/clients/${theirs.client_id}`, { owners: [owner.id] })).status).toBe(404);
    expect((await ctx.admin.get<{ owners: string[] }>(`/admin/v1/clients/${theirs.client_id}`)).body.owners).toEqual([]);
    const changed = await as(owner.token).send('PATCH', `/admin/v1/clients/${mine.client_id}`, { client_name: 'Mine, renamed' });
    expect(changed.status).toBe(200);
    expect((await as(owner.token).get('/admin/v1/users')).status).toBe(403);
    expect((await as(owner.token).send('POST', '/admin/v1/clients', { client_name: 'New', redirect_uris: [CALLBACK] })).status).toBe(403);
  });

  it('refuses unknown owners naming the field', async () => {
    const response = await ctx.admin.createClient<{ error: string; fields: Record<string, string> }>({ client_name: 'x', redirect_uris: [CALLBACK], owners: ['nobody-by-that-name'] });
    expect(response.status).toBe(400);
    expect(response.body.fields).toHaveProperty('owners');
  });

  it('GET /admin/v1/me says what each caller may do', async () => {
    const helpdesk = await personWithToken(['helpdesk']);
    const me = await as(helpdesk.token).get('/admin/v1/me');
    expect(me.body).toMatchObject({ kind: 'person', username: helpdesk.username, roles: ['helpdesk'], permissions: ['people:read', 'people:support'] });
    const reader = await as(await machineToken(ctx, 'admin:read')).get('/admin/v1/me');
    expect(reader.body).toMatchObject({ kind: 'client', roles: [] });
    expect((reader.body as { permissions: string[] }).permissions.every((permission) => permission.endsWith(':read'))).toBe(true);
  });
});
