import { consoleToken } from '../support/admin-tokens';
import { request } from '../support/http';
import { useTestServer } from '../support/server-fixture';
import { createPerson } from '../support/sign-in';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../support/test-server';

/** Somebody must always be able to administer the server: its own server, with one admin person. */
describe('admin API: the last administrator', () => {
  const ctx = useTestServer();
  const rolesOf = async (id: string) => (await ctx.admin.get<{ roles: string[] }>(`/admin/v1/users/${id}`)).body.roles;

  it('cannot lose the role, be disabled or be deleted, and a refused deletion ends nothing', async () => {
    const root = (await ctx.admin.get<{ items: Array<{ id: string; username: string }> }>(`/admin/v1/users?search=${ADMIN_USERNAME}`)).body.items[0];
    const rootToken = (await consoleToken(ctx, { username: ADMIN_USERNAME, password: ADMIN_PASSWORD })).access_token;
    for (const [method, body] of [['PATCH', { roles: ['auditor'] }], ['PATCH', { disabled: true }], ['DELETE', undefined]] as const) {
      const response = await ctx.admin.send<{ error: string }>(method, `/admin/v1/users/${root.id}`, body);
      expect({ method, body, status: response.status, error: response.body.error }).toEqual({ method, body, status: 409, error: 'conflict' });
    }
    expect(await rolesOf(root.id)).toEqual(['admin']);
    expect((await request(`${ctx.server.baseUrl}/admin/v1/clients`, { headers: { authorization: `Bearer ${rootToken}` } })).status).toBe(200);
  });

  it('of two, only one can step down at the same moment', async () => {
    const root = (await ctx.admin.get<{ items: Array<{ id: string }> }>(`/admin/v1/users?search=${ADMIN_USERNAME}`)).body.items[0];
    const second = await createPerson(ctx.admin, { roles: ['admin'] });
    const demotions = await Promise.all([root.id, second.id].map((id) => ctx.admin.send('PATCH', `/admin/v1/users/${id}`, { roles: [] })));
    expect(demotions.map((response) => response.status).sort()).toEqual([200, 409]);
    const remaining = [await rolesOf(root.id), await rolesOf(second.id)].filter((roles) => roles.includes('admin'));
    expect(remaining).toHaveLength(1);
  });
});
