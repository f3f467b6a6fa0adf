import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { SessionView } from '@app/contracts';
import { consoleToken } from '../support/admin-tokens';
import { BrowserSession } from '../support/browser-session';
import { request } from '../support/http';
import { useTestServer } from '../support/server-fixture';
import { authorize, authorizeWithPkce, callbackParams, createPerson, registerWebClient, RegisteredClient } from '../support/sign-in';

type Person = { id: string; username: string; password: string };

/** GET and DELETE /admin/v1/users/{id}/sessions[/{sid}]: what each live session is, ending one or all. */
describe('admin API: a person\'s sessions', () => {
  const ctx = useTestServer();
  let client: RegisteredClient;

  beforeAll(async () => {
    client = await registerWebClient(ctx.admin, { first_party: true, client_name: 'Orders' });
  });

  const list = async (person: Person) => {
    const response = await ctx.admin.get<{ items: SessionView[] }>(`/admin/v1/users/${person.id}/sessions`);
    expect(response.status).toBe(200);
    return response.body.items;
  };

  /** Signs the person in to the app in a new browser. */
  async function signIn(person: Person): Promise<BrowserSession> {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const { url } = authorizeWithPkce(client.client_id, { scope: 'openid' });
    expect(callbackParams(await authorize(browser, url, person)).get('code')).toBeTruthy();
    return browser;
  }

  it('lists each live session with when, where from, how and the apps it signed in to', async () => {
    const person = await createPerson(ctx.admin);
    const before = Date.now() - 1000;
    await signIn(person);

    const [session, ...others] = await list(person);

    expect(others).toEqual([]);
    expect(Object.keys(session).sort()).toEqual(['acr', 'amr', 'apps', 'expires_at', 'id', 'ip', 'last_seen_at', 'started_at', 'user_agent']);
    expect(session).toMatchObject({ acr: 'pwd', amr: ['pwd'], ip: expect.any(String), user_agent: expect.any(String) });
    expect(Date.parse(session.started_at)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(session.last_seen_at)).toBeGreaterThanOrEqual(Date.parse(session.started_at) - 1000);
    expect(Date.parse(session.expires_at)).toBeGreaterThan(Date.now());
    expect(session.apps).toEqual([{ client_id: client.client_id, client_name: 'Orders', first_at: expect.any(String) }]);
  });

  it('last_seen_at moves when a session not seen for five minutes is used again', async () => {
    const person = await createPerson(ctx.admin);
    const browser = await signIn(person);
    const [{ id }] = await list(person);
    await ctx.server.app.get(DataSource).query(`UPDATE sso_sessions SET last_seen_at = now() - interval '10 minutes' WHERE id = $1`, [id]);
    const stale = (await list(person))[0].last_seen_at;

    expect((await browser.get('/account')).status).toBe(200);

    const seen = (await list(person))[0].last_seen_at;
    expect(Date.parse(seen) - Date.parse(stale)).toBeGreaterThan(9 * 60_000);
  });

  it('DELETE /sessions/{sid} ends that session only; the browser is signed out', async () => {
    const person = await createPerson(ctx.admin);
    const first = await signIn(person);
    await signIn(person);
    const sessions = await list(person);
    const firstId = sessions[sessions.length - 1].id;

    expect((await ctx.admin.send('DELETE', `/admin/v1/users/${person.id}/sessions/${firstId}`)).status).toBe(204);

    expect((await list(person)).map((session) => session.id)).toEqual(sessions.slice(0, -1).map((session) => session.id));
    expect((await first.get('/account')).status).toBe(303);
    // Already ended: nothing left to end.
    expect((await ctx.admin.send('DELETE', `/admin/v1/users/${person.id}/sessions/${firstId}`)).status).toBe(404);
  });

  it('DELETE /sessions ends every session of the person', async () => {
    const person = await createPerson(ctx.admin);
    await signIn(person);
    await signIn(person);
    expect(await list(person)).toHaveLength(2);
    expect((await ctx.admin.send('DELETE', `/admin/v1/users/${person.id}/sessions`)).status).toBe(204);
    expect(await list(person)).toEqual([]);
  });

  it('answers 404 for an unknown person, an unknown session and another person\'s session', async () => {
    const person = await createPerson(ctx.admin);
    const other = await createPerson(ctx.admin);
    await signIn(other);
    const [theirs] = await list(other);
    for (const path of [
      `/admin/v1/users/${randomUUID()}/sessions`,
      `/admin/v1/users/${person.id}/sessions/${randomUUID()}`,
      `/admin/v1/users/${person.id}/sessions/not-a-uuid`,
      `/admin/v1/users/${person.id}/sessions/${theirs.id}`,
    ]) {
      const response = await ctx.admin.send('DELETE', path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
    expect((await ctx.admin.get(`/admin/v1/users/${randomUUID()}/sessions`)).status).toBe(404);
    expect(await list(other)).toHaveLength(1);
  });

  it('auditors read the sessions but cannot end them; helpdesk ends them', async () => {
    const person = await createPerson(ctx.admin);
    await signIn(person);
    const [session] = await list(person);
    const tokenOf = async (roles: string[]) => (await consoleToken(ctx, await createPerson(ctx.admin, { roles }))).access_token;
    const call = (token: string, method: string, path: string) => request(`${ctx.server.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
    const one = `/admin/v1/users/${person.id}/sessions/${session.id}`;
    const auditor = await tokenOf(['auditor']);
    const helpdesk = await tokenOf(['helpdesk']);

    expect((await call(auditor, 'GET', `/admin/v1/users/${person.id}/sessions`)).status).toBe(200);
    expect((await call(auditor, 'DELETE', one)).status).toBe(403);
    expect((await call(auditor, 'DELETE', `/admin/v1/users/${person.id}/sessions`)).status).toBe(403);
    expect(await list(person)).toHaveLength(1);

    expect((await call(helpdesk, 'DELETE', one)).status).toBe(204);
    expect(await list(person)).toEqual([]);
  });

  it('records the end of one session in the audit log with its id', async () => {
    const person = await createPerson(ctx.admin);
    await signIn(person);
    const [session] = await list(person);
    expect((await ctx.admin.send('DELETE', `/admin/v1/users/${person.id}/sessions/${session.id}`)).status).toBe(204);
    const events = await ctx.admin.get<{ items: Array<{ action: string; details: Record<string, unknown> }> }>(`/admin/v1/events?target_id=${person.id}&action=session.ended`);
    expect(events.body.items).toEqual([expect.objectContaining({ action: 'session.ended', details: expect.objectContaining({ session_id: session.id }) })]);
  });
});
