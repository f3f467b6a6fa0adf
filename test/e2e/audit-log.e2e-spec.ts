import { BrowserSession } from '../support/browser-session';
import { basicAuth, postForm, request } from '../support/http';
import { ADMIN_CLIENT_ID, ADMIN_PASSWORD, ADMIN_USERNAME } from '../support/test-server';
import { useTestServer } from '../support/server-fixture';

interface EventView {
  id: string;
  occurred_at: string;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
}
type EventPage = { items: EventView[]; next_cursor: string | null };

describe('audit log (GET /admin/v1/events)', () => {
  const ctx = useTestServer();
  const startedAt = new Date(Date.now() - 1000).toISOString();

  const events = (query = '') => ctx.admin.get<EventPage>(`/admin/v1/events${query}`);

  async function signIn(username: string, password: string, userAgent: string) {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const page = await browser.get('/login?return_to=/');
    const body = new URLSearchParams({ csrf_token: /name="csrf_token" value="([^"]+)"/.exec(page.text)![1], return_to: '/', username, password });
    return fetch(`${ctx.server.baseUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `csrf=${browser.cookie('csrf')}`, 'user-agent': userAgent },
      body: body.toString(),
    });
  }

  it('records an admin change with who, what, when, from where and no secret', async () => {
    await ctx.admin.defineScopes(['reports:read']);
    const created = await fetch(`${ctx.server.baseUrl}/admin/v1/clients`, {
      method: 'POST',
      headers: { ...ctx.admin.authorization, 'content-type': 'application/json', 'user-agent': 'audit-test/1.0' },
      body: JSON.stringify({ client_name: 'Audited service', grant_types: ['client_credentials'], scope: 'reports:read' }),
    });
    expect(created.status).toBe(201);
    const client = (await created.json()) as { client_id: string; client_secret: string };
    const rotated = await ctx.admin.send<{ client_secret: string }>('POST', `/admin/v1/clients/${client.client_id}/secret`);
    expect(rotated.status).toBe(200);

    const page = await events(`?target_id=${client.client_id}`);
    expect(page.status).toBe(200);
    expect(page.body.items.map((event) => event.action)).toEqual(['client.secret_rotated', 'client.created']);
    const [, creation] = page.body.items;
    expect(creation).toMatchObject({
      actor_type: 'client',
      actor_id: ADMIN_CLIENT_ID,
      action: 'client.created',
      target_type: 'client',
      target_id: client.client_id,
      ip: expect.stringMatching(/127\.0\.0\.1|::1/),
      user_agent: 'audit-test/1.0',
      details: expect.objectContaining({ client_name: 'Audited service', fields: ['client_name', 'grant_types', 'scope'] }),
    });
    expect(Date.parse(creation.occurred_at)).toBeGreaterThanOrEqual(Date.parse(startedAt));
    const text = JSON.stringify(page.body);
    expect(text).not.toContain(client.client_secret);
    expect(text).not.toContain(rotated.body.client_secret);
    expect(text).not.toContain('client_secret');
  });

  it('records a person created with a password, without the password', async () => {
    const password = 'a password nobody should read 17';
    const created = await ctx.admin.send<{ id: string }>('POST', '/admin/v1/users', { username: 'erin', password, roles: ['support'] });
    expect(created.status).toBe(201);
    const page = await events(`?action=user.created&target_id=${created.body.id}`);
    expect(page.body.items).toEqual([expect.objectContaining({ action: 'user.created', target_type: 'user', details: expect.objectContaining({ username: 'erin' }) })]);
    expect(page.body.items[0].details.fields).toEqual(['password', 'roles', 'username']);
    expect(JSON.stringify(page.body)).not.toContain(password);
  });

  it('does not record reads or refused changes', async () => {
    const before = (await events('?limit=100')).body.items.length;
    await ctx.admin.get('/admin/v1/clients');
    expect((await ctx.admin.send('POST', '/admin/v1/clients', { redirect_uris: ['not a uri'] })).status).toBe(400);
    expect((await events('?limit=100')).body.items.length).toBe(before);
  });

  it('records a failed and a successful sign-in with the name typed but never the password', async () => {
    const wrong = 'not-the-password-0xDEAD';
    expect((await signIn(ADMIN_USERNAME, wrong, 'browser-under-test')).status).toBe(401);
    expect((await signIn('nobody-here', wrong, 'browser-under-test')).status).toBe(401);
    expect((await signIn(ADMIN_USERNAME, ADMIN_PASSWORD, 'browser-under-test')).status).toBe(303);

    const failed = await events('?action=signin.failed');
    expect(failed.body.items).toHaveLength(2);
    const [unknown, known] = failed.body.items;
    expect(unknown).toMatchObject({ actor_type: 'anonymous', actor_id: null, details: { username: 'nobody-here', reason: 'credentials' }, user_agent: 'browser-under-test' });
    expect(known).toMatchObject({ actor_type: 'person', target_type: 'user', details: { username: ADMIN_USERNAME, reason: 'credentials' } });
    expect(known.ip).toMatch(/127\.0\.0\.1|::1/);
    const adminId = known.actor_id!;

    const succeeded = await events('?action=signin.succeeded');
    expect(succeeded.body.items).toEqual([
      expect.objectContaining({ actor_type: 'person', actor_id: adminId, target_id: adminId, details: { username: ADMIN_USERNAME }, user_agent: 'browser-under-test' }),
    ]);
    const all = JSON.stringify((await events('?limit=100')).body);
    expect(all).not.toContain(wrong);
    expect(all).not.toContain(ADMIN_PASSWORD);

    expect((await events(`?actor_id=${adminId}`)).body.items.map((event) => event.action)).toEqual(['signin.succeeded', 'signin.failed']);
  });

  it('filters by action family and time, and pages with a cursor', async () => {
    const family = await events('?action=client.*');
    expect(family.body.items.length).toBeGreaterThanOrEqual(2);
    expect(family.body.items.every((event) => event.action.startsWith('client.'))).toBe(true);
    expect((await events(`?until=${encodeURIComponent(startedAt)}`)).body.items).toEqual([]);
    expect((await events(`?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).body.items).toEqual([]);

    const everything = (await events('?limit=100')).body.items;
    expect(everything.length).toBeGreaterThanOrEqual(5);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: EventPage } = await events(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((event) => event.id));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toEqual(everything.map((event) => event.id));
    const times = everything.map((event) => Date.parse(event.occurred_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('refuses malformed filters', async () => {
    expect((await events('?since=yesterday')).status).toBe(400);
    expect((await events('?cursor=nope')).status).toBe(400);
    expect((await events('?limit=1000')).status).toBe(400);
  });

  it('is for administrators only', async () => {
    const service = await ctx.admin.registerClient({ client_name: 'Not an admin', grant_types: ['client_credentials'], scope: 'reports:read' });
    const token = await postForm<{ access_token: string }>(`${ctx.server.baseUrl}/oauth2/token`, { grant_type: 'client_credentials' }, {
      authorization: basicAuth(service.client_id, service.client_secret!),
    });
    const refused = await request(`${ctx.server.baseUrl}/admin/v1/events`, { headers: { authorization: `Bearer ${token.body.access_token}` } });
    expect(refused.status).toBe(403);
    expect((await request(`${ctx.server.baseUrl}/admin/v1/events`)).status).toBe(401);
  });

  it('is documented in the OpenAPI document', async () => {
    const openapi = await request<{ paths: Record<string, { get?: { parameters?: { name: string }[] } }> }>(`${ctx.server.baseUrl}/admin/v1/openapi.json`);
    const parameters = openapi.body.paths['/admin/v1/events']?.get?.parameters?.map((parameter) => parameter.name);
    expect(parameters).toEqual(expect.arrayContaining(['action', 'actor_id', 'target_id', 'since', 'until', 'limit', 'cursor']));
  });
});
