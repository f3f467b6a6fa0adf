import type { GroupView, PersonGroupView, UserView } from '@app/contracts';
import { useTestServer } from '../support/server-fixture';
import { createPerson, registerWebClient } from '../support/sign-in';

interface ErrorBody {
  error: string;
  error_description?: string;
  fields?: Record<string, string>;
  clients?: string[];
  apis?: string[];
}

describe('admin API: /admin/v1/groups', () => {
  const ctx = useTestServer();

  const createGroup = async (name: string, description?: string): Promise<GroupView> => {
    const response = await ctx.admin.send<GroupView>('POST', '/admin/v1/groups', { name, ...(description !== undefined && { description }) });
    expect(response.status).toBe(201);
    return response.body;
  };
  const putMember = (groupId: string, memberId: string) => ctx.admin.send<ErrorBody>('PUT', `/admin/v1/groups/${groupId}/members/${memberId}`);
  const groupsOf = async (userId: string) => (await ctx.admin.get<{ items: PersonGroupView[] }>(`/admin/v1/users/${userId}/groups`)).body.items;

  it('creates, reads, renames and lists groups; names are unique whatever their case', async () => {
    const created = await createGroup('engineering', 'Everyone who ships code');
    expect(created).toMatchObject({ name: 'engineering', description: 'Everyone who ships code' });
    expect((await ctx.admin.get<GroupView>(`/admin/v1/groups/${created.id}`)).body.name).toBe('engineering');
    const duplicate = await ctx.admin.send<ErrorBody>('POST', '/admin/v1/groups', { name: 'Engineering' });
    expect(duplicate.status).toBe(409);
    const renamed = await ctx.admin.send<GroupView>('PATCH', `/admin/v1/groups/${created.id}`, { name: 'eng', description: 'Builders' });
    expect(renamed.body).toMatchObject({ id: created.id, name: 'eng', description: 'Builders' });
    const page = await ctx.admin.get<{ items: GroupView[]; next_cursor: string | null }>('/admin/v1/groups?search=eng');
    expect(page.body.items.map((group) => group.name)).toContain('eng');
  });

  it('refuses names that are not scope-token-like, naming the field', async () => {
    for (const name of ['', 'has space', '"quoted"', '.leading-dot', 'x'.repeat(101)]) {
      const response = await ctx.admin.send<ErrorBody>('POST', '/admin/v1/groups', { name });
      expect({ name, status: response.status, error: response.body.error }).toEqual({ name, status: 400, error: 'invalid_request' });
      expect(response.body.fields).toHaveProperty('name');
    }
    expect((await ctx.admin.get('/admin/v1/groups/not-a-uuid')).status).toBe(404);
  });

  it('puts people and groups in groups; membership is transitive and says how it comes', async () => {
    const org = await createGroup('org');
    const payments = await createGroup('team.payments');
    const person = await createPerson(ctx.admin);
    expect((await putMember(payments.id, person.id)).status).toBe(204);
    expect((await putMember(payments.id, person.id)).status).toBe(204);
    expect((await putMember(org.id, payments.id)).status).toBe(204);
    expect(await groupsOf(person.id)).toEqual([
      expect.objectContaining({ name: 'org', direct: false, via: ['team.payments'] }),
      expect.objectContaining({ name: 'team.payments', direct: true, via: [] }),
    ]);
    const members = await ctx.admin.get<{ items: Array<{ type: string; id: string }> }>(`/admin/v1/groups/${org.id}/members`);
    expect(members.body.items).toEqual([expect.objectContaining({ type: 'group', id: payments.id, name: 'team.payments' })]);
    expect((await ctx.admin.send('DELETE', `/admin/v1/groups/${org.id}/members/${payments.id}`)).status).toBe(204);
    expect((await groupsOf(person.id)).map((group) => group.name)).toEqual(['team.payments']);
    expect((await ctx.admin.send('DELETE', `/admin/v1/groups/${org.id}/members/${payments.id}`)).status).toBe(404);
  });

  it('refuses a membership cycle with 400, at any depth', async () => {
    const a = await createGroup('cycle-a');
    const b = await createGroup('cycle-b');
    const c = await createGroup('cycle-c');
    expect((await putMember(a.id, b.id)).status).toBe(204);
    expect((await putMember(b.id, c.id)).status).toBe(204);
    const closing = await putMember(c.id, a.id);
    expect(closing.status).toBe(400);
    expect(closing.body.error).toBe('invalid_request');
    expect((await putMember(a.id, a.id)).status).toBe(400);
  });

  it('answers 404 for an unknown member or group', async () => {
    const group = await createGroup('lonely');
    expect((await putMember(group.id, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await putMember(group.id, 'nope')).status).toBe(404);
    expect((await putMember('00000000-0000-4000-8000-000000000000', group.id)).status).toBe(404);
  });

  it('creates a person in groups by name, or refuses an unknown name naming the field and writing nothing', async () => {
    await createGroup('finance');
    const created = await ctx.admin.send<UserView>('POST', '/admin/v1/users', { username: 'fiona', password: 'a long password 1', groups: ['FINANCE'] });
    expect(created.status).toBe(201);
    expect((await groupsOf(created.body.id)).map((group) => group.name)).toEqual(['finance']);
    const refused = await ctx.admin.send<ErrorBody>('POST', '/admin/v1/users', { username: 'gary', password: 'a long password 1', groups: ['finance', 'no-such-group'] });
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toHaveProperty('groups');
    expect((await ctx.admin.get<{ items: unknown[] }>('/admin/v1/users?search=gary')).body.items).toEqual([]);
  });

  it('checks allowed_groups names on clients, keeps them in the group\'s spelling and follows a rename', async () => {
    const ledger = await createGroup('ledger-users');
    const unknown = await ctx.admin.createClient<ErrorBody>({ client_name: 'Ledger', redirect_uris: ['https://ledger.example.com/cb'], allowed_groups: ['nobody-here'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: 'invalid_client_metadata', fields: { allowed_groups: expect.any(String) } });
    const client = await registerWebClient(ctx.admin, { allowed_groups: ['LEDGER-USERS'] });
    expect((await ctx.admin.get<{ allowed_groups: string[] }>(`/admin/v1/clients/${client.client_id}`)).body.allowed_groups).toEqual(['ledger-users']);
    await ctx.admin.send('PATCH', `/admin/v1/groups/${ledger.id}`, { name: 'ledger' });
    expect((await ctx.admin.get<{ allowed_groups: string[] }>(`/admin/v1/clients/${client.client_id}`)).body.allowed_groups).toEqual(['ledger']);
  });

  it('refuses to delete a group an access policy uses (409 naming them) unless force=true', async () => {
    const deployers = await createGroup('deployers');
    const client = await registerWebClient(ctx.admin, { allowed_groups: ['deployers'] });
    const refused = await ctx.admin.send<ErrorBody>('DELETE', `/admin/v1/groups/${deployers.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.clients).toEqual([client.client_id]);
    expect(refused.body.error_description).toContain(client.client_id);
    expect((await ctx.admin.get(`/admin/v1/groups/${deployers.id}`)).status).toBe(200);
    expect((await ctx.admin.send('DELETE', `/admin/v1/groups/${deployers.id}?force=true`)).status).toBe(204);
    expect((await ctx.admin.get(`/admin/v1/groups/${deployers.id}`)).status).toBe(404);
    expect((await ctx.admin.get<{ allowed_groups: string[] }>(`/admin/v1/clients/${client.client_id}`)).body.allowed_groups).toEqual([]);
  });

  it('says who can sign in to an app and which apps a person can use, and why', async () => {
    const ops = await createGroup('ops');
    const oncall = await createGroup('ops.oncall');
    await putMember(ops.id, oncall.id);
    const inside = await createPerson(ctx.admin);
    const outside = await createPerson(ctx.admin);
    await putMember(oncall.id, inside.id);
    const restricted = await registerWebClient(ctx.admin, { client_name: 'Pager', allowed_groups: ['ops'] });
    const open = await registerWebClient(ctx.admin, { client_name: 'Wiki' });
    const who = await ctx.admin.get<{ everyone: boolean; people: Array<{ id: string; via: string[] }> }>(`/admin/v1/clients/${restricted.client_id}/access`);
    expect(who.body.everyone).toBe(false);
    expect(who.body.people).toEqual([expect.objectContaining({ id: inside.id, username: inside.username, via: ['ops'] })]);
    expect((await ctx.admin.get<{ everyone: boolean }>(`/admin/v1/clients/${open.client_id}/access`)).body.everyone).toBe(true);
    const appsOf = async (id: string) => (await ctx.admin.get<{ items: Array<{ client_id: string; everyone: boolean; via: string[] }> }>(`/admin/v1/users/${id}/access`)).body.items;
    expect(await appsOf(inside.id)).toEqual(expect.arrayContaining([
      expect.objectContaining({ client_id: restricted.client_id, everyone: false, via: ['ops'] }),
      expect.objectContaining({ client_id: open.client_id, everyone: true }),
    ]));
    expect((await appsOf(outside.id)).map((app) => app.client_id)).not.toContain(restricted.client_id);
  });

  it('audits membership and policy changes with their values before and after', async () => {
    const auditors = await createGroup('auditors-club');
    const person = await createPerson(ctx.admin);
    await putMember(auditors.id, person.id);
    const client = await registerWebClient(ctx.admin);
    await ctx.admin.send('PATCH', `/admin/v1/clients/${client.client_id}`, { allowed_groups: ['auditors-club'] });
    await ctx.admin.send('PATCH', `/admin/v1/users/${person.id}`, { roles: ['auditor'] });
    type Event = { action: string; target_id: string; actor_type: string; details: Record<string, any> };
    const events = async (action: string) => (await ctx.admin.get<{ items: Event[] }>(`/admin/v1/events?action=${action}`)).body.items;
    const added = (await events('group.member_added')).find((event) => event.target_id === auditors.id)!;
    expect(added.actor_type).toBe('client');
    expect(added.details).toMatchObject({ member: { type: 'user', id: person.id }, changes: { member: { before: false, after: true } } });
    const policy = (await events('client.updated')).find((event) => event.target_id === client.client_id)!;
    expect(policy.details.changes).toEqual({ allowed_groups: { before: [], after: ['auditors-club'] } });
    const roles = (await events('user.updated')).find((event) => event.target_id === person.id)!;
    expect(roles.details.changes).toEqual({ roles: { before: [], after: ['auditor'] } });
  });
});
