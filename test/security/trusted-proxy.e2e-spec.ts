import { randomBytes } from 'node:crypto';
import { IP_ATTEMPT_LIMIT } from '../../libs/users/src/login/login-throttle.service';
import { ServerFixture, useTestServer } from '../support/server-fixture';
import { BrowserSession, hiddenField } from '../support/browser-session';
import { createPerson } from '../support/sign-in';

interface EventView {
  action: string;
  target_id: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

/** One sign-in attempt from a browser behind whatever sends `x-forwarded-for`; the answer's status. */
async function signIn(ctx: ServerFixture, forwardedFor: string | undefined, username: string, password: string): Promise<number> {
  const browser = new BrowserSession(ctx.server.baseUrl);
  const page = await browser.get('/login?return_to=/');
  const response = await fetch(`${ctx.server.baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `csrf=${browser.cookie('csrf')}`,
      ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }),
    },
    body: new URLSearchParams({ csrf_token: hiddenField(page.text, 'csrf_token'), return_to: '/', username, password }).toString(),
  });
  await response.arrayBuffer();
  return response.status;
}

/** The address the audit log recorded for the failed sign-in with this (unique) username. */
async function failedSignInAddress(ctx: ServerFixture, username: string): Promise<string | null | undefined> {
  const page = await ctx.admin.get<{ items: EventView[] }>('/admin/v1/events?action=signin.failed&limit=100');
  return page.body.items.find((event) => event.details.username === username)?.ip;
}

const unknownName = () => `nobody-${randomBytes(4).toString('hex')}`;

/**
 * Behind a reverse proxy every connection comes from the proxy: the per-address login limit and the audit
 * log must use the address the proxy forwards, and only a proxy named in TRUST_PROXY may forward one.
 */
describe('TRUST_PROXY=127.0.0.1: the forwarded client address is the one that counts', () => {
  const ctx = useTestServer({ TRUST_PROXY: '127.0.0.1' });

  it('two forwarded addresses have separate login-failure counters', async () => {
    const person = await createPerson(ctx.admin);
    // Unknown names, so no account limit is reached before the address limit.
    for (let attempt = 0; attempt < IP_ATTEMPT_LIMIT; attempt += 4) {
      const statuses = await Promise.all([0, 1, 2, 3].map(() => signIn(ctx, '203.0.113.10', unknownName(), 'wrong password!')));
      expect(statuses).toEqual([401, 401, 401, 401]);
    }
    expect(await signIn(ctx, '203.0.113.10', person.username, person.password)).toBe(401);
    expect(await signIn(ctx, '198.51.100.20', person.username, person.password)).toBe(303);
  });

  it('the audit log records the forwarded address of a failed sign-in', async () => {
    const username = unknownName();
    expect(await signIn(ctx, '198.51.100.30', username, 'wrong password!')).toBe(401);
    expect(await failedSignInAddress(ctx, username)).toBe('198.51.100.30');
  });

  it('only the nearest untrusted hop counts: addresses a client prepends are ignored', async () => {
    const username = unknownName();
    expect(await signIn(ctx, '192.0.2.99, 198.51.100.31', username, 'wrong password!')).toBe(401);
    expect(await failedSignInAddress(ctx, username)).toBe('198.51.100.31');
  });

  it('the audit log records the forwarded address of an admin change', async () => {
    await ctx.admin.defineScopes(['reports:read']);
    const created = await fetch(`${ctx.server.baseUrl}/admin/v1/clients`, {
      method: 'POST',
      headers: { ...ctx.admin.authorization, 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.40' },
      body: JSON.stringify({ client_name: 'Behind the proxy', grant_types: ['client_credentials'], scope: 'reports:read' }),
    });
    expect(created.status).toBe(201);
    const { client_id: clientId } = (await created.json()) as { client_id: string };
    const page = await ctx.admin.get<{ items: EventView[] }>(`/admin/v1/events?action=client.created&target_id=${clientId}`);
    expect(page.body.items.map((event) => event.ip)).toEqual(['198.51.100.40']);
  });

  it('X-Forwarded-Host and X-Forwarded-Proto change no URL the server gives out: every one starts with ISSUER', async () => {
    const forwarded = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
    const discovery = (await (await fetch(`${ctx.server.baseUrl}/.well-known/openid-configuration`, { headers: forwarded })).json()) as Record<string, unknown>;
    expect(discovery.issuer).toBe(ctx.server.config.issuer);
    expect(JSON.stringify(discovery)).not.toContain('evil.example');
    const login = await fetch(`${ctx.server.baseUrl}/login?return_to=/`, { headers: forwarded });
    expect(await login.text()).not.toContain('evil.example');
    // Cookies follow the issuer's scheme (http here), not the forwarded one.
    expect(login.headers.getSetCookie().join('\n')).not.toMatch(/Secure|__Host-/);
  });
});

describe('TRUST_PROXY unset: X-Forwarded-For is ignored', () => {
  const ctx = useTestServer();

  it('the audit log records the connecting address, not the header', async () => {
    const username = unknownName();
    expect(await signIn(ctx, '198.51.100.50', username, 'wrong password!')).toBe(401);
    expect(await failedSignInAddress(ctx, username)).toMatch(/^(127\.0\.0\.1|::ffff:127\.0\.0\.1)$/);
  });
});

describe('TRUST_PROXY naming another peer: X-Forwarded-For from this one is ignored', () => {
  const ctx = useTestServer({ TRUST_PROXY: '10.11.12.13, 192.168.0.0/16' });

  it('the audit log records the connecting address, not the header', async () => {
    const username = unknownName();
    expect(await signIn(ctx, '198.51.100.60', username, 'wrong password!')).toBe(401);
    expect(await failedSignInAddress(ctx, username)).toMatch(/^(127\.0\.0\.1|::ffff:127\.0\.0\.1)$/);
  });
});
