import type { GroupView } from '@app/contracts';
import { GroupService } from '../../libs/users/src/groups/group.service';
import { createGroup, putInGroup, uniqueGroupName } from '../support/groups';
import { useTestServer } from '../support/server-fixture';
import { createPerson } from '../support/sign-in';

interface ErrorBody {
  error: string;
  fields?: Record<string, string>;
}

/** Groups that require a second factor (`mfa`) or phishing-resistant authentication (`phr`) of everyone in them. */
describe('admin API: group authentication requirements', () => {
  const ctx = useTestServer();
  const levelOf = (userId: string) => ctx.server.app.get(GroupService).requiredLevelOf(userId);
  const patch = (id: string, body: Record<string, unknown>) => ctx.admin.send<GroupView & ErrorBody>('PATCH', `/admin/v1/groups/${id}`, body);

  it('a new group requires nothing unless told; POST, PATCH and GET carry both flags', async () => {
    const plain = await ctx.admin.send<GroupView>('POST', '/admin/v1/groups', { name: uniqueGroupName('plain') });
    expect(plain.status).toBe(201);
    expect(plain.body).toMatchObject({ require_mfa: false, require_phishing_resistant: false });
    const strict = await ctx.admin.send<GroupView>('POST', '/admin/v1/groups', { name: uniqueGroupName('strict'), require_mfa: true });
    expect(strict.body).toMatchObject({ require_mfa: true, require_phishing_resistant: false });
    const changed = await patch(strict.body.id, { require_phishing_resistant: true });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ require_mfa: true, require_phishing_resistant: true });
    // Fields left out of a PATCH keep their value.
    expect((await patch(strict.body.id, { description: 'Operators' })).body).toMatchObject({ require_mfa: true, require_phishing_resistant: true });
    expect((await ctx.admin.get<GroupView>(`/admin/v1/groups/${strict.body.id}`)).body).toMatchObject({ require_mfa: true, require_phishing_resistant: true });
    const listed = await ctx.admin.get<{ items: GroupView[] }>(`/admin/v1/groups?search=${strict.body.name}`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: strict.body.id, require_mfa: true })]);
  });

  it('anything but a boolean is a 400 naming the field', async () => {
    const id = await createGroup(ctx.admin, uniqueGroupName('typed'));
    for (const value of ['true', 1, null, [], {}]) {
      for (const field of ['require_mfa', 'require_phishing_resistant']) {
        const created = await ctx.admin.send<ErrorBody>('POST', '/admin/v1/groups', { name: uniqueGroupName('bad'), [field]: value });
        const changed = await patch(id, { [field]: value });
        for (const response of [created, changed]) {
          expect({ field, value, status: response.status, error: response.body.error }).toEqual({ field, value, status: 400, error: 'invalid_request' });
          expect(response.body.fields).toHaveProperty(field);
        }
      }
    }
    expect((await ctx.admin.get<GroupView>(`/admin/v1/groups/${id}`)).body).toMatchObject({ require_mfa: false, require_phishing_resistant: false });
  });

  it('audits a requirement change with its values before and after', async () => {
    const id = await createGroup(ctx.admin, uniqueGroupName('audited'));
    await patch(id, { require_mfa: true });
    type Event = { target_id: string; details: Record<string, any> };
    const events = (await ctx.admin.get<{ items: Event[] }>('/admin/v1/events?action=group.updated')).body.items;
    expect(events.find((event) => event.target_id === id)?.details.changes).toEqual({ require_mfa: { before: false, after: true } });
  });

  it('a person needs the strongest level any of their groups requires, through nested groups at any depth', async () => {
    const person = await createPerson(ctx.admin);
    expect(await levelOf(person.id)).toBe('pwd');
    const team = await createGroup(ctx.admin, uniqueGroupName('team'));
    const department = await createGroup(ctx.admin, uniqueGroupName('department'));
    const company = await createGroup(ctx.admin, uniqueGroupName('company'));
    await putInGroup(ctx.admin, team, person.id);
    await putInGroup(ctx.admin, department, team);
    await putInGroup(ctx.admin, company, department);
    expect(await levelOf(person.id)).toBe('pwd');

    await patch(company, { require_mfa: true });
    expect(await levelOf(person.id)).toBe('mfa');
    await patch(department, { require_phishing_resistant: true });
    expect(await levelOf(person.id)).toBe('phr');
    // Taking the nested group out leaves only what the person's own groups require.
    expect((await ctx.admin.send('DELETE', `/admin/v1/groups/${company}/members/${department}`)).status).toBe(204);
    expect(await levelOf(person.id)).toBe('phr');
    expect((await ctx.admin.send('DELETE', `/admin/v1/groups/${department}/members/${team}`)).status).toBe(204);
    expect(await levelOf(person.id)).toBe('pwd');
  });

  it('a person in no group, or an id that is no person, needs only a password', async () => {
    expect(await levelOf('00000000-0000-4000-8000-000000000000')).toBe('pwd');
    expect(await levelOf('not-a-uuid')).toBe('pwd');
  });
});
