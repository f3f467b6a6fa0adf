import { DataSource } from 'typeorm';
import { HousekeepingService } from '@app/core';
import { useTestServer } from '../support/server-fixture';
import { BrowserSession, hiddenField } from '../support/browser-session';
import { createPerson, introspect, registerWebClient, RegisteredClient } from '../support/sign-in';
import { expectEnded, HeldTokens, OPAQUE_API_SCOPE, refresh, registerOpaqueApi, signInAndHold } from '../support/held-tokens';
import type { ServerFixture } from '../support/server-fixture';

const SCOPE = `openid profile ${OPAQUE_API_SCOPE}`;
const OFFLINE_SCOPE = `openid offline_access ${OPAQUE_API_SCOPE}`;
const NEW_PASSWORD = 'a brand new password 42';

type Person = { id: string; username: string; password: string };

/** One browser session holding a grant without and a grant with offline_access for the same app. */
interface Held {
  person: Person;
  client: RegisteredClient;
  browser: BrowserSession;
  sessionId: string;
  online: HeldTokens;
  offline: HeldTokens;
}

interface EndEvent {
  name: string;
  /** OIDC Core §11: only the end of one browser session leaves offline_access grants alive. */
  offlineSurvives: boolean;
  /** The app must ask for consent, so that there is a consent to withdraw. */
  thirdParty?: boolean;
  end(ctx: ServerFixture, held: Held): Promise<void>;
}

const sidOf = (idToken: string): string => (JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString()) as { sid: string }).sid;

async function expectStatus(result: Promise<{ status: number; text?: string }>, status: number): Promise<void> {
  const { status: actual, text } = await result;
  expect({ status: actual, text: actual === status ? undefined : text }).toEqual({ status, text: undefined });
}

/** A second browser of the same person, on their account page. */
async function otherBrowser(ctx: ServerFixture, person: Person, path: string): Promise<{ browser: BrowserSession; csrf: string }> {
  const browser = new BrowserSession(ctx.server.baseUrl);
  const login = await browser.get(`/login?return_to=${path}`);
  const signedIn = await browser.post('/login', { csrf_token: hiddenField(login.text, 'csrf_token'), return_to: path, username: person.username, password: person.password });
  expect(signedIn.status).toBe(303);
  return { browser, csrf: hiddenField((await browser.get(path)).text, 'csrf_token') };
}

const EVENTS: EndEvent[] = [
  {
    name: 'RP-initiated logout',
    offlineSurvives: true,
    end: async (_ctx, held) => expect((await held.browser.get(`/oauth2/logout?id_token_hint=${held.online.idToken}`)).text).toContain('Signed out'),
  },
  {
    name: 'the person ends the session from another browser\'s account page',
    offlineSurvives: true,
    end: async (ctx, held) => {
      const { browser, csrf } = await otherBrowser(ctx, held.person, '/account/sessions');
      expect((await browser.post('/account/sessions/end', { csrf_token: csrf, session_id: held.sessionId })).status).toBe(303);
    },
  },
  {
    name: 'an administrator ends that one session (DELETE /admin/v1/users/{id}/sessions/{sid})',
    offlineSurvives: true,
    end: (ctx, held) => expectStatus(ctx.admin.send('DELETE', `/admin/v1/users/${held.person.id}/sessions/${held.sessionId}`), 204),
  },
  {
    name: 'the session expires and housekeeping ends it',
    offlineSurvives: true,
    end: async (ctx, held) => {
      await ctx.server.app.get(DataSource).query(`UPDATE sso_sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [held.sessionId]);
      const round = await ctx.server.app.get(HousekeepingService).runOnce();
      expect(round['sweep:expired_sessions']).toBeGreaterThanOrEqual(1);
    },
  },
  {
    name: 'an administrator signs the person out everywhere',
    offlineSurvives: false,
    end: (ctx, held) => expectStatus(ctx.admin.send('DELETE', `/admin/v1/users/${held.person.id}/sessions`), 204),
  },
  {
    name: 'an administrator sets a new password',
    offlineSurvives: false,
    end: (ctx, held) => expectStatus(ctx.admin.send('POST', `/admin/v1/users/${held.person.id}/password`, { password: NEW_PASSWORD }), 204),
  },
  {
    name: 'the person changes their password in another browser',
    offlineSurvives: false,
    end: async (ctx, held) => {
      const { browser, csrf } = await otherBrowser(ctx, held.person, '/account/password');
      const changed = await browser.post('/account/password', { csrf_token: csrf, current_password: held.person.password, new_password: NEW_PASSWORD, new_password_confirmation: NEW_PASSWORD });
      expect(changed.status).toBe(303);
    },
  },
  {
    name: 'an administrator disables the person',
    offlineSurvives: false,
    end: (ctx, held) => expectStatus(ctx.admin.send('PATCH', `/admin/v1/users/${held.person.id}`, { disabled: true }), 200),
  },
  {
    name: 'an administrator deletes the person',
    offlineSurvives: false,
    end: (ctx, held) => expectStatus(ctx.admin.send('DELETE', `/admin/v1/users/${held.person.id}`), 204),
  },
  {
    name: 'the person\'s consent to the app is withdrawn',
    offlineSurvives: false,
    thirdParty: true,
    end: (ctx, held) => expectStatus(ctx.admin.send('DELETE', `/admin/v1/users/${held.person.id}/consents/${held.client.client_id}`), 204),
  },
];

/**
 * Every way a sign-in session or a person's access ends, and what each leaves of the app's tokens: a grant
 * without offline_access never outlives its session; one with it survives the end of that browser
 * session only (OIDC Core §11), not a new password, sign-out everywhere, disabling, deletion or consent
 * withdrawal.
 */
describe('tokens follow the session: every way it ends', () => {
  const ctx = useTestServer();
  const clients: Partial<Record<'firstParty' | 'thirdParty', RegisteredClient>> = {};

  beforeAll(async () => {
    await registerOpaqueApi(ctx.admin);
    const scope = `openid profile offline_access ${OPAQUE_API_SCOPE}`;
    clients.firstParty = await registerWebClient(ctx.admin, { first_party: true, scope });
    clients.thirdParty = await registerWebClient(ctx.admin, { scope });
  });

  const base = () => ctx.server.baseUrl;

  async function holdBoth(client: RegisteredClient): Promise<Held> {
    const person = await createPerson(ctx.admin);
    const browser = new BrowserSession(base());
    const online = await signInAndHold(base(), client, person, SCOPE, browser);
    const offline = await signInAndHold(base(), client, person, OFFLINE_SCOPE, browser);
    const sessionId = sidOf(online.idToken);
    expect(sidOf(offline.idToken)).toBe(sessionId);
    return { person, client, browser, sessionId, online, offline };
  }

  /**
   * The grant goes on: its refresh token rotates into an active one. (Its access tokens issued before the
   * session ended carry its sid and end with it; the client refreshes.)
   */
  async function expectRefreshable(client: RegisteredClient, held: HeldTokens): Promise<void> {
    const refreshed = await refresh(base(), client, held.refresh);
    expect({ status: refreshed.status, error: refreshed.body.error }).toEqual({ status: 200, error: undefined });
    expect(await introspect(base(), client, refreshed.body.refresh_token!)).toMatchObject({ active: true, token_type: 'refresh_token' });
  }

  it.each(EVENTS.map((event) => [event.name, event] as const))('%s', async (_name, event) => {
    const client = event.thirdParty ? clients.thirdParty! : clients.firstParty!;
    const held = await holdBoth(client);

    await event.end(ctx, held);

    await expectEnded(base(), client, held.online);
    if (event.offlineSurvives) await expectRefreshable(client, held.offline);
    else await expectEnded(base(), client, held.offline);
  });

  it('an expired session ends its grant at the refresh grant even before housekeeping ran', async () => {
    const held = await holdBoth(clients.firstParty!);
    await ctx.server.app.get(DataSource).query(`UPDATE sso_sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [held.sessionId]);

    const refused = await refresh(base(), held.client, held.online.refresh);
    expect({ status: refused.status, error: refused.body.error }).toEqual({ status: 400, error: 'invalid_grant' });
    // The refusal revoked the family: its access tokens are inactive too.
    expect(await introspect(base(), held.client, held.online.jwt)).toEqual({ active: false });
    expect(await introspect(base(), held.client, held.online.opaque)).toEqual({ active: false });
    await expectRefreshable(held.client, held.offline);
  });

  it('disabling is one audit event that counts the sessions, grants and apps it ended', async () => {
    const held = await holdBoth(clients.firstParty!);
    await signInAndHold(base(), held.client, held.person, SCOPE);

    await expectStatus(ctx.admin.send('PATCH', `/admin/v1/users/${held.person.id}`, { disabled: true }), 200);

    const events = await ctx.admin.get<{ items: Array<{ action: string; details: Record<string, unknown> }> }>(`/admin/v1/events?target_id=${held.person.id}`);
    const changes = events.body.items.filter((event) => event.action.startsWith('user.') && event.action !== 'user.created');
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      action: 'user.updated',
      details: { disabled: true, sessions_ended: 2, grants_revoked: 3, apps_notified: [held.client.client_id] },
    });
    expect((await ctx.admin.get<{ items: unknown[] }>(`/admin/v1/users/${held.person.id}/sessions`)).body.items).toEqual([]);
  });
});
