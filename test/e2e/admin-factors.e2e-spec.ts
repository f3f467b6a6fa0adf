import type { PersonFactorsView, UserView } from '@app/contracts';
import { consoleToken } from '../support/admin-tokens';
import { BrowserSession, submitLogin } from '../support/browser-session';
import { enrollTotp, regenerateRecoveryCodes } from '../support/factor-fixtures';
import { request } from '../support/http';
import { useTestServer } from '../support/server-fixture';
import { createPerson } from '../support/sign-in';

type Event = { action: string; target_id: string; actor_type: string; actor_id: string | null; details: Record<string, any> };

/** Helpdesk's side of second factors and lockout: see a person's factors, reset them, unlock the person. */
describe('admin API: a person\'s sign-in factors and lock', () => {
  const ctx = useTestServer({ LOGIN_MAX_FAILURES: '3' });
  const factorsOf = (id: string) => ctx.admin.get<PersonFactorsView & { error?: string }>(`/admin/v1/users/${id}/factors`);
  const events = async (action: string) => (await ctx.admin.get<{ items: Event[] }>(`/admin/v1/events?action=${action}`)).body.items;

  it('lists passkeys and authenticator apps without key material, and the recovery codes left', async () => {
    const person = await createPerson(ctx.admin);
    expect((await factorsOf(person.id)).body).toEqual({ items: [], recovery_codes_remaining: 0 });
    const { factorId } = await enrollTotp(ctx.server.app, person, 'Work phone');
    await regenerateRecoveryCodes(ctx.server.app, person.id);
    const listed = await factorsOf(person.id);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual({
      items: [{ id: factorId, type: 'totp', label: 'Work phone', created_at: expect.stringMatching(/^\d{4}-/), last_used_at: expect.anything() }],
      recovery_codes_remaining: 10,
    });
    expect(listed.text).not.toMatch(/secret|public_key/i);
  });

  it('removes one factor (404 for an unknown one), and the recovery codes with the last one; audited with the actor', async () => {
    const person = await createPerson(ctx.admin);
    const first = await enrollTotp(ctx.server.app, person, 'Phone');
    const second = await enrollTotp(ctx.server.app, person, 'Tablet');
    await regenerateRecoveryCodes(ctx.server.app, person.id);
    expect((await ctx.admin.send('DELETE', `/admin/v1/users/${person.id}/factors/${first.factorId}`)).status).toBe(204);
    expect((await factorsOf(person.id)).body).toMatchObject({ items: [{ id: second.factorId }], recovery_codes_remaining: 10 });
    for (const unknown of [first.factorId, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const response = await ctx.admin.send<{ error: string }>('DELETE', `/admin/v1/users/${person.id}/factors/${unknown}`);
      expect({ unknown, status: response.status, error: response.body.error }).toEqual({ unknown, status: 404, error: 'not_found' });
    }
    expect((await ctx.admin.send('DELETE', `/admin/v1/users/${person.id}/factors/${second.factorId}`)).status).toBe(204);
    expect((await factorsOf(person.id)).body).toEqual({ items: [], recovery_codes_remaining: 0 });
    const removed = (await events('user.factor_removed')).filter((event) => event.target_id === person.id);
    expect(removed).toHaveLength(2);
    expect(removed[0]).toMatchObject({ actor_type: 'client', details: { factor: { type: 'totp' } } });
    expect(removed.map((event) => event.details.factor.id).sort()).toEqual([first.factorId, second.factorId].sort());
  });

  it('another person\'s factor cannot be removed through this person', async () => {
    const [owner, other] = [await createPerson(ctx.admin), await createPerson(ctx.admin)];
    const { factorId } = await enrollTotp(ctx.server.app, owner);
    expect((await ctx.admin.send('DELETE', `/admin/v1/users/${other.id}/factors/${factorId}`)).status).toBe(404);
    expect((await factorsOf(owner.id)).body.items).toHaveLength(1);
  });

  it('helpdesk resets every factor and recovery code (204), audited with who did it and how many went', async () => {
    const helpdesk = await createPerson(ctx.admin, { roles: ['helpdesk'] });
    const token = (await consoleToken(ctx, helpdesk)).access_token;
    const person = await createPerson(ctx.admin);
    await enrollTotp(ctx.server.app, person);
    await enrollTotp(ctx.server.app, person);
    await regenerateRecoveryCodes(ctx.server.app, person.id);
    const reset = await request(`${ctx.server.baseUrl}/admin/v1/users/${person.id}/factors`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(reset.status).toBe(204);
    expect((await factorsOf(person.id)).body).toEqual({ items: [], recovery_codes_remaining: 0 });
    const event = (await events('user.factors_reset')).find((candidate) => candidate.target_id === person.id);
    expect(event).toMatchObject({ actor_type: 'person', actor_id: helpdesk.id, details: { removed: { factors: 2, recovery_codes: 10 } } });
    // Resetting nothing is fine too.
    expect((await ctx.admin.send('DELETE', `/admin/v1/users/${person.id}/factors`)).status).toBe(204);
  });

  it('answers 404 for an unknown person', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      expect((await factorsOf(id)).status).toBe(404);
      expect((await ctx.admin.send('DELETE', `/admin/v1/users/${id}/factors`)).status).toBe(404);
      expect((await ctx.admin.send('DELETE', `/admin/v1/users/${id}/factors/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    }
  });

  it('an auditor reads factors but may not reset them', async () => {
    const auditor = await createPerson(ctx.admin, { roles: ['auditor'] });
    const headers = { authorization: `Bearer ${(await consoleToken(ctx, auditor)).access_token}` };
    const person = await createPerson(ctx.admin);
    await enrollTotp(ctx.server.app, person);
    expect((await request(`${ctx.server.baseUrl}/admin/v1/users/${person.id}/factors`, { headers })).status).toBe(200);
    expect((await request(`${ctx.server.baseUrl}/admin/v1/users/${person.id}/factors`, { method: 'DELETE', headers })).status).toBe(403);
    expect((await factorsOf(person.id)).body.items).toHaveLength(1);
  });

  it('shows locked_until on the person and in lists; unlock ends the lock, audited with it', async () => {
    const person = await createPerson(ctx.admin);
    expect((await ctx.admin.get<UserView>(`/admin/v1/users/${person.id}`)).body.locked_until).toBeNull();
    for (let i = 0; i < 3; i++) {
      const browser = new BrowserSession(ctx.server.baseUrl);
      await submitLogin(browser, await browser.get('/login'), person.username, 'wrong password!');
    }
    const lockedUntil = (await ctx.admin.get<UserView>(`/admin/v1/users/${person.id}`)).body.locked_until;
    expect(new Date(lockedUntil!).getTime()).toBeGreaterThan(Date.now() + 800_000);
    const listed = await ctx.admin.get<{ items: UserView[] }>(`/admin/v1/users?search=${person.username}`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: person.id, locked_until: lockedUntil })]);

    expect((await ctx.admin.send('POST', `/admin/v1/users/${person.id}/unlock`)).status).toBe(204);
    expect((await ctx.admin.get<UserView>(`/admin/v1/users/${person.id}`)).body.locked_until).toBeNull();
    const browser = new BrowserSession(ctx.server.baseUrl);
    expect((await submitLogin(browser, await browser.get('/login'), person.username, person.password)).status).toBe(303);
    const unlocked = (await events('user.unlocked')).find((event) => event.target_id === person.id);
    expect(unlocked).toMatchObject({ actor_type: 'client', details: { changes: { locked_until: { before: lockedUntil, after: null } } } });
  });
});
