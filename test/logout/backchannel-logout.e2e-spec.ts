import { DataSource } from 'typeorm';
import { HousekeepingService } from '@app/core';
import { AdminApi } from '../support/admin';
import { BrowserSession } from '../support/browser-session';
import { LogoutReceiver } from '../support/logout-receiver';
import { useTestServer } from '../support/server-fixture';
import { createPerson, registerWebClient, RegisteredClient, signInToApp as signIn } from '../support/sign-in';
import { usesPostgres } from '../support/test-server';

type Person = { id: string; username: string; password: string };

/** An app with a back-channel logout endpoint on the receiver. */
async function registerLogoutApp(admin: AdminApi, receiver: LogoutReceiver, extra: Record<string, unknown> = {}): Promise<RegisteredClient> {
  const client = await registerWebClient(admin, { first_party: true, scope: 'openid profile', ...extra });
  const patched = await admin.send('PATCH', `/admin/v1/clients/${client.client_id}`, { backchannel_logout_uri: receiver.url(client.client_id) });
  if (patched.status !== 200) throw new Error(`set backchannel_logout_uri: ${patched.status} ${patched.text}`);
  return client;
}

/** Waits until the outbox owes nothing more, so what each app received is final. */
async function settled(admin: AdminApi, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await admin.get<{ items: unknown[] }>('/admin/v1/logout-deliveries?status=pending');
    if (pending.status === 200 && pending.body.items.length === 0) return;
    if (Date.now() > deadline) throw new Error(`logout deliveries still pending: ${pending.text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits until the one pending delivery has its failed attempt recorded and a retry scheduled. */
async function retryScheduled(admin: AdminApi, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await admin.get<{ items: Array<{ last_error: string | null }> }>('/admin/v1/logout-deliveries?status=pending');
    if (pending.status === 200 && pending.body.items.some((item) => item.last_error !== null)) return;
    if (Date.now() > deadline) throw new Error(`no failed attempt recorded: ${pending.text}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** OpenID Connect Back-Channel Logout 1.0: a logout token reaches each app of each ended session, once. */
describe('back-channel logout', () => {
  const ctx = useTestServer({ LOGOUT_DELIVERY_ATTEMPTS: '3', LOGOUT_RETRY_BASE_MS: '50' });
  let receiver: LogoutReceiver;
  let first: RegisteredClient;
  let second: RegisteredClient;

  beforeAll(async () => {
    receiver = await LogoutReceiver.start(ctx.server.config.issuer, `${ctx.server.baseUrl}/oauth2/jwks`);
    first = await registerLogoutApp(ctx.admin, receiver);
    second = await registerLogoutApp(ctx.admin, receiver);
  });
  afterAll(async () => receiver?.close());

  const base = () => ctx.server.baseUrl;

  it('RP-initiated logout: both apps of the session get one verified token each (§2.4-§2.6); an app of another session gets none', async () => {
    const person = await createPerson(ctx.admin);
    const browser = new BrowserSession(base());
    const inFirst = await signIn(browser, first, person);
    const inSecond = await signIn(browser, second, person);
    const other = await registerLogoutApp(ctx.admin, receiver);
    await signIn(new BrowserSession(base()), other, await createPerson(ctx.admin));

    const page = await browser.get(`/oauth2/logout?id_token_hint=${inFirst.idToken}`);
    expect(page.text).toContain('Signed out');
    await settled(ctx.admin);

    const [toFirst] = receiver.for(first.client_id);
    const [toSecond] = receiver.for(second.client_id);
    expect([receiver.for(first.client_id).length, receiver.for(second.client_id).length, receiver.for(other.client_id).length]).toEqual([1, 1, 0]);
    for (const received of [toFirst, toSecond]) {
      expect(received.problem).toBeUndefined();
      expect(received.contentType).toBe('application/x-www-form-urlencoded');
      expect(received.header.typ).toBe('logout+jwt');
      // §2.4 and OIDC Core §2: the sid and sub the app saw in its ID token.
      expect(received.claims).toMatchObject({ sid: inFirst.sid, sub: person.id });
      expect(received.claims).not.toHaveProperty('nonce');
    }
    expect(inSecond.sid).toBe(inFirst.sid);
    expect(toFirst.claims!.jti).not.toBe(toSecond.claims!.jti);
  });

  describe('administrator actions end every session of the person: one token per app per session', () => {
    async function twoSessions(): Promise<{ person: Person; sids: string[] }> {
      const person = await createPerson(ctx.admin);
      const one = new BrowserSession(base());
      const sids = [(await signIn(one, first, person)).sid];
      await signIn(one, second, person);
      sids.push((await signIn(new BrowserSession(base()), first, person)).sid);
      return { person, sids };
    }

    async function expectTold(action: (person: Person) => Promise<number>, reason: string): Promise<void> {
      const before = { first: receiver.for(first.client_id).length, second: receiver.for(second.client_id).length };
      const { person, sids } = await twoSessions();
      expect([200, 204]).toContain(await action(person));
      await settled(ctx.admin);
      const toFirst = receiver.for(first.client_id).slice(before.first);
      const toSecond = receiver.for(second.client_id).slice(before.second);
      expect(toFirst.map((received) => received.claims?.sid).sort()).toEqual([...sids].sort());
      expect(toSecond.map((received) => received.claims?.sid)).toEqual([sids[0]]);
      expect([...toFirst, ...toSecond].every((received) => received.claims?.sub === person.id)).toBe(true);
      const delivered = await ctx.admin.get<{ items: Array<{ session_id: string; reason: string; status: string }> }>('/admin/v1/logout-deliveries?status=delivered&limit=100');
      expect(delivered.body.items.filter((item) => sids.includes(item.session_id)).map((item) => item.reason)).toEqual([reason, reason, reason]);
    }

    it('sign out everywhere', async () => {
      await expectTold(async (person) => (await ctx.admin.send('DELETE', `/admin/v1/users/${person.id}/sessions`)).status, 'ended-by-admin');
    });

    it('disabling the person', async () => {
      await expectTold(async (person) => (await ctx.admin.send('PATCH', `/admin/v1/users/${person.id}`, { disabled: true })).status, 'disabled');
    });

    it('a new password', async () => {
      await expectTold(async (person) => (await ctx.admin.send('POST', `/admin/v1/users/${person.id}/password`, { password: 'a brand new password 42' })).status, 'password-changed');
    });

    it('deleting the person (their sessions go with them, the deliveries stay)', async () => {
      await expectTold(async (person) => (await ctx.admin.send('DELETE', `/admin/v1/users/${person.id}`)).status, 'deleted');
    });
  });

  describe('one session ends: its apps are told of it, the other session of the person is not', () => {
    async function expectOnlyThatSessionTold(end: (person: Person, sid: string) => Promise<void>, reason: string): Promise<void> {
      const before = { first: receiver.for(first.client_id).length, second: receiver.for(second.client_id).length };
      const person = await createPerson(ctx.admin);
      const browser = new BrowserSession(base());
      const { sid } = await signIn(browser, first, person);
      await signIn(browser, second, person);
      await signIn(new BrowserSession(base()), first, person);
      await end(person, sid);
      await settled(ctx.admin);
      const told = [...receiver.for(first.client_id).slice(before.first), ...receiver.for(second.client_id).slice(before.second)];
      expect(told.map((received) => [received.claims?.aud, received.claims?.sid, received.problem])).toEqual([[first.client_id, sid, undefined], [second.client_id, sid, undefined]]);
      const delivered = await ctx.admin.get<{ items: Array<{ user_id: string; reason: string }> }>('/admin/v1/logout-deliveries?status=delivered&limit=100');
      expect(delivered.body.items.filter((item) => item.user_id === person.id).map((item) => item.reason)).toEqual([reason, reason]);
    }

    it('an administrator ends that session', async () => {
      await expectOnlyThatSessionTold(async (person, sid) => {
        expect((await ctx.admin.send('DELETE', `/admin/v1/users/${person.id}/sessions/${sid}`)).status).toBe(204);
      }, 'ended-by-admin');
    });

    it('the session expires and housekeeping ends it', async () => {
      await expectOnlyThatSessionTold(async (_person, sid) => {
        await ctx.server.app.get(DataSource).query(`UPDATE sso_sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [sid]);
        await ctx.server.app.get(HousekeepingService).runOnce();
      }, 'expired');
    });
  });

  it('an app that answers 500 is retried with the same jti; past LOGOUT_DELIVERY_ATTEMPTS the delivery is dead and can be retried', async () => {
    const flaky = await registerLogoutApp(ctx.admin, receiver);
    const failing = await registerLogoutApp(ctx.admin, receiver);
    receiver.answerNext(flaky.client_id, 500);
    receiver.answerNext(failing.client_id, 500, 500, 500);
    const person = await createPerson(ctx.admin);
    const browser = new BrowserSession(base());
    const { idToken } = await signIn(browser, flaky, person);
    await signIn(browser, failing, person);

    await browser.get(`/oauth2/logout?id_token_hint=${idToken}`);
    await settled(ctx.admin);

    const toFlaky = receiver.for(flaky.client_id);
    expect(toFlaky.map((received) => received.answered)).toEqual([500, 200]);
    expect(toFlaky[1].claims!.jti).toBe(toFlaky[0].claims!.jti);
    expect(receiver.for(failing.client_id).map((received) => received.answered)).toEqual([500, 500, 500]);
    const dead = await ctx.admin.get<{ items: Array<{ id: string; client_id: string; attempts: number; last_error: string; dead_at: string | null }> }>('/admin/v1/logout-deliveries?status=dead');
    const letter = dead.body.items.find((item) => item.client_id === failing.client_id)!;
    expect(letter).toMatchObject({ attempts: 3, last_error: 'HTTP 500' });
    expect(letter.dead_at).not.toBeNull();
    const events = await ctx.admin.get<{ items: Array<{ action: string; target_id: string | null }> }>('/admin/v1/events?action=logout_delivery.dead');
    expect(events.body.items.some((event) => event.target_id === failing.client_id)).toBe(true);

    const retried = await ctx.admin.send<{ status: string; attempts: number }>('POST', `/admin/v1/logout-deliveries/${letter.id}/retry`);
    expect({ status: retried.status, state: retried.body.status, attempts: retried.body.attempts }).toEqual({ status: 200, state: 'pending', attempts: 0 });
    await settled(ctx.admin);
    const toFailing = receiver.for(failing.client_id);
    expect(toFailing.map((received) => received.answered)).toEqual([500, 500, 500, 200]);
    expect(new Set(toFailing.map((received) => received.claims!.jti)).size).toBe(1);
  });

  it('a redirect is not followed: it counts as a failed attempt', async () => {
    const moving = await registerLogoutApp(ctx.admin, receiver);
    receiver.answerNext(moving.client_id, 302);
    const browser = new BrowserSession(base());
    const { idToken } = await signIn(browser, moving, await createPerson(ctx.admin));
    await browser.get(`/oauth2/logout?id_token_hint=${idToken}`);
    await settled(ctx.admin);
    expect(receiver.for(moving.client_id).map((received) => received.answered)).toEqual([302, 200]);
  });

  it('the admin list validates its parameters; retry answers 404 for no such delivery and 409 for one that is not dead', async () => {
    expect((await ctx.admin.get('/admin/v1/logout-deliveries?status=lost')).status).toBe(400);
    expect((await ctx.admin.get('/admin/v1/logout-deliveries?cursor=nonsense')).status).toBe(400);
    expect((await ctx.admin.send('POST', '/admin/v1/logout-deliveries/not-a-uuid/retry')).status).toBe(404);
    expect((await ctx.admin.send('POST', '/admin/v1/logout-deliveries/00000000-0000-4000-8000-000000000000/retry')).status).toBe(404);
    const delivered = await ctx.admin.get<{ items: Array<{ id: string }> }>('/admin/v1/logout-deliveries?status=delivered&limit=1');
    const retried = await ctx.admin.send('POST', `/admin/v1/logout-deliveries/${delivered.body.items[0].id}/retry`);
    expect({ status: retried.status, error: retried.body.error }).toEqual({ status: 409, error: 'conflict' });
  });
});

(usesPostgres() ? describe : describe.skip)('back-channel logout across a restart (PostgreSQL: the database outlives the server)', () => {
  const ctx = useTestServer({ LOGOUT_RETRY_BASE_MS: '6000' });
  let receiver: LogoutReceiver;

  beforeAll(async () => {
    receiver = await LogoutReceiver.start(ctx.server.config.issuer, `${ctx.server.baseUrl}/oauth2/jwks`);
  });
  afterAll(async () => receiver?.close());

  it('a delivery owed when the server stops is made by the restarted server, exactly once, with the same jti', async () => {
    const app = await registerLogoutApp(ctx.admin, receiver);
    receiver.answerNext(app.client_id, 503);
    const browser = new BrowserSession(ctx.server.baseUrl);
    const { idToken } = await signIn(browser, app, await createPerson(ctx.admin));
    await browser.get(`/oauth2/logout?id_token_hint=${idToken}`);
    await receiver.waitFor(app.client_id, 1);
    // The receiver has answered, but the server may not have recorded the 503 yet; a restart before
    // then cuts the attempt short and leaves the row to its lease, which outlasts this test's wait.
    await retryScheduled(ctx.admin);

    await ctx.server.restart();
    const admin = await AdminApi.connect(ctx.server);
    await settled(admin);

    const received = receiver.for(app.client_id);
    expect(received.map((entry) => entry.answered)).toEqual([503, 200]);
    expect(received[1].claims!.jti).toBe(received[0].claims!.jti);
  });
});
