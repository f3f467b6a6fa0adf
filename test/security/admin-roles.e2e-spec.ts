import { randomBytes, randomUUID } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ADMIN_ROUTES } from '@app/admin';
import { consoleToken, machineToken } from '../support/admin-tokens';
import { enrollTotp } from '../support/factor-fixtures';
import { postJson, request } from '../support/http';
import { useTestServer } from '../support/server-fixture';
import { CALLBACK, createPerson } from '../support/sign-in';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../support/test-server';

/**
 * Every admin route against every kind of administrator: the expectations are written out here by hand,
 * route by route, independently of the server's own table, and a route the server has that this table
 * does not name fails the first test.
 */
type Who = 'admin' | 'machine:admin' | 'auditor' | 'helpdesk' | 'owner' | 'machine:read' | 'machine:people' | 'no-role';
const EVERYONE: Who[] = ['admin', 'machine:admin', 'auditor', 'helpdesk', 'owner', 'machine:read', 'machine:people'];

interface Fixtures {
  /** A client or API the app owner owns (own=true), or one they do not. */
  client(own: boolean): Promise<string>;
  api(own: boolean): Promise<string>;
  person(): Promise<string>;
  /** A person with a confirmed authenticator app. */
  personWithFactor(): Promise<{ person: string; factor: string }>;
  group(): Promise<string>;
  groupWithMember(): Promise<{ group: string; member: string }>;
  provider(): Promise<string>;
  ownerId: string;
}

interface RouteCase {
  route: string;
  /** Who may call it (besides machine:admin, who may call everything, as admin). */
  allowed: Who[];
  /** Routes an app owner reaches only on what they own: on another's they get 404. */
  owned?: boolean;
  /** The status an allowed call answers with. */
  ok: number;
  /** Told apart from another case of the same route. */
  label?: string;
  call(f: Fixtures, own: boolean): Promise<{ path: string; body?: unknown }>;
}

const READERS: Who[] = ['admin', 'auditor', 'machine:read'];
const PEOPLE_READERS: Who[] = ['admin', 'auditor', 'helpdesk', 'machine:read', 'machine:people'];
const PEOPLE_SUPPORT: Who[] = ['admin', 'helpdesk', 'machine:people'];
const APP_READERS: Who[] = ['admin', 'auditor', 'owner', 'machine:read'];
const APP_WRITERS: Who[] = ['admin', 'owner'];
const suffix = () => randomBytes(4).toString('hex');
const oidcProvider = () => ({ type: 'oidc', name: `idp-${suffix()}`, issuer: 'https://idp.example.com', client_id: 'ours', client_secret: 'shh' });

const EMPTY_CONFIGURATION = { apiVersion: 'meridian-auth/v1', kind: 'Configuration' };

const CASES: RouteCase[] = [
  { route: 'GET /admin/v1/me', allowed: EVERYONE, ok: 200, call: async () => ({ path: '/admin/v1/me' }) },

  { route: 'POST /admin/v1/clients', allowed: ['admin'], ok: 201, call: async () => ({ path: '/admin/v1/clients', body: { client_name: 'New app', redirect_uris: [CALLBACK] } }) },
  { route: 'GET /admin/v1/clients', allowed: APP_READERS, ok: 200, call: async () => ({ path: '/admin/v1/clients' }) },
  { route: 'GET /admin/v1/clients/:clientId', allowed: APP_READERS, owned: true, ok: 200, call: async (f, own) => ({ path: `/admin/v1/clients/${await f.client(own)}` }) },
  { route: 'GET /admin/v1/clients/:clientId/access', allowed: APP_READERS, owned: true, ok: 200, call: async (f, own) => ({ path: `/admin/v1/clients/${await f.client(own)}/access` }) },
  {
    route: 'PUT /admin/v1/clients/:clientId', allowed: APP_WRITERS, owned: true, ok: 200,
    call: async (f, own) => ({ path: `/admin/v1/clients/${await f.client(own)}`, body: { client_name: 'Replaced', redirect_uris: [CALLBACK], owners: [f.ownerId] } }),
  },
  { route: 'PATCH /admin/v1/clients/:clientId', allowed: APP_WRITERS, owned: true, ok: 200, call: async (f, own) => ({ path: `/admin/v1/clients/${await f.client(own)}`, body: { client_name: 'Renamed' } }) },
  { route: 'DELETE /admin/v1/clients/:clientId', allowed: APP_WRITERS, owned: true, ok: 204, call: async (f, own) => ({ path: `/admin/v1/clients/${await f.client(own)}` }) },
  { route: 'POST /admin/v1/clients/:clientId/secret', allowed: APP_WRITERS, owned: true, ok: 200, call: async (f, own) => ({ path: `/admin/v1/clients/${await f.client(own)}/secret` }) },

  { route: 'POST /admin/v1/apis', allowed: ['admin'], ok: 201, call: async () => ({ path: '/admin/v1/apis', body: { identifier: `https://api-${suffix()}.example.com`, name: 'New API' } }) },
  { route: 'GET /admin/v1/apis', allowed: APP_READERS, ok: 200, call: async () => ({ path: '/admin/v1/apis' }) },
  { route: 'GET /admin/v1/apis/:id', allowed: APP_READERS, owned: true, ok: 200, call: async (f, own) => ({ path: `/admin/v1/apis/${await f.api(own)}` }) },
  { route: 'GET /admin/v1/apis/:id/clients', allowed: APP_READERS, owned: true, ok: 200, call: async (f, own) => ({ path: `/admin/v1/apis/${await f.api(own)}/clients` }) },
  { route: 'PATCH /admin/v1/apis/:id', allowed: APP_WRITERS, owned: true, ok: 200, call: async (f, own) => ({ path: `/admin/v1/apis/${await f.api(own)}`, body: { name: 'Renamed API' } }) },
  { route: 'DELETE /admin/v1/apis/:id', allowed: APP_WRITERS, owned: true, ok: 204, call: async (f, own) => ({ path: `/admin/v1/apis/${await f.api(own)}` }) },
  { route: 'POST /admin/v1/apis/:id/secret', allowed: APP_WRITERS, owned: true, ok: 200, call: async (f, own) => ({ path: `/admin/v1/apis/${await f.api(own)}/secret` }) },

  { route: 'POST /admin/v1/users', allowed: ['admin'], ok: 201, call: async () => ({ path: '/admin/v1/users', body: { username: `new-${suffix()}`, password: 'a long password 1' } }) },
  { route: 'GET /admin/v1/users', allowed: PEOPLE_READERS, ok: 200, call: async () => ({ path: '/admin/v1/users' }) },
  { route: 'GET /admin/v1/users/:id', allowed: PEOPLE_READERS, ok: 200, call: async (f) => ({ path: `/admin/v1/users/${await f.person()}` }) },
  { route: 'PATCH /admin/v1/users/:id', allowed: ['admin'], ok: 200, call: async (f) => ({ path: `/admin/v1/users/${await f.person()}`, body: { name: 'Renamed Person' } }) },
  { route: 'PATCH /admin/v1/users/:id', label: 'disabled only', allowed: PEOPLE_SUPPORT, ok: 200, call: async (f) => ({ path: `/admin/v1/users/${await f.person()}`, body: { disabled: true } }) },
  { route: 'DELETE /admin/v1/users/:id', allowed: ['admin'], ok: 204, call: async (f) => ({ path: `/admin/v1/users/${await f.person()}` }) },
  { route: 'POST /admin/v1/users/:id/password', allowed: PEOPLE_SUPPORT, ok: 204, call: async (f) => ({ path: `/admin/v1/users/${await f.person()}/password`, body: { password: 'a new long password' } }) },
  { route: 'POST /admin/v1/users/:id/unlock', allowed: PEOPLE_SUPPORT, ok: 204, call: async (f) => ({ path: `/admin/v1/users/${await f.person()}/unlock` }) },
  { route: 'GET /admin/v1/users/:id/factors', allowed: PEOPLE_READERS, ok: 200, call: async (f) => ({ path: `/admin/v1/users/${(await f.personWithFactor()).person}/factors` }) },
  { route: 'DELETE /admin/v1/users/:id/factors', allowed: PEOPLE_SUPPORT, ok: 204, call: async (f) => ({ path: `/admin/v1/users/${(await f.personWithFactor()).person}/factors` }) },
  {
    route: 'DELETE /admin/v1/users/:id/factors/:factorId', allowed: PEOPLE_SUPPORT, ok: 204,
    call: async (f) => {
      const { person, factor } = await f.personWithFactor();
      return { path: `/admin/v1/users/${person}/factors/${factor}` };
    },
  },
  { route: 'GET /admin/v1/users/:id/sessions', allowed: PEOPLE_READERS, ok: 200, call: async (f) => ({ path: `/admin/v1/users/${await f.person()}/sessions` }) },
  { route: 'DELETE /admin/v1/users/:id/sessions', allowed: PEOPLE_SUPPORT, ok: 204, call: async (f) => ({ path: `/admin/v1/users/${await f.person()}/sessions` }) },
  // The person has no session: an allowed caller gets past the role check to the 404 for an unknown one.
  { route: 'DELETE /admin/v1/users/:id/sessions/:sid', allowed: PEOPLE_SUPPORT, ok: 404, call: async (f) => ({ path: `/admin/v1/users/${await f.person()}/sessions/${randomUUID()}` }) },
  { route: 'GET /admin/v1/users/:id/groups', allowed: PEOPLE_READERS, ok: 200, call: async (f) => ({ path: `/admin/v1/users/${await f.person()}/groups` }) },
  { route: 'GET /admin/v1/users/:id/access', allowed: PEOPLE_READERS, ok: 200, call: async (f) => ({ path: `/admin/v1/users/${await f.person()}/access` }) },
  { route: 'GET /admin/v1/users/:id/consents', allowed: PEOPLE_READERS, ok: 200, call: async (f) => ({ path: `/admin/v1/users/${await f.person()}/consents` }) },
  { route: 'DELETE /admin/v1/users/:id/consents', allowed: ['admin'], ok: 204, call: async (f) => ({ path: `/admin/v1/users/${await f.person()}/consents` }) },
  { route: 'DELETE /admin/v1/users/:id/consents/:clientId', allowed: ['admin'], ok: 204, call: async (f) => ({ path: `/admin/v1/users/${await f.person()}/consents/${await f.client(false)}` }) },

  { route: 'POST /admin/v1/groups', allowed: ['admin'], ok: 201, call: async () => ({ path: '/admin/v1/groups', body: { name: `group-${suffix()}` } }) },
  { route: 'GET /admin/v1/groups', allowed: READERS, ok: 200, call: async () => ({ path: '/admin/v1/groups' }) },
  { route: 'GET /admin/v1/groups/:id', allowed: READERS, ok: 200, call: async (f) => ({ path: `/admin/v1/groups/${await f.group()}` }) },
  { route: 'PATCH /admin/v1/groups/:id', allowed: ['admin'], ok: 200, call: async (f) => ({ path: `/admin/v1/groups/${await f.group()}`, body: { description: 'changed' } }) },
  { route: 'DELETE /admin/v1/groups/:id', allowed: ['admin'], ok: 204, call: async (f) => ({ path: `/admin/v1/groups/${await f.group()}` }) },
  { route: 'GET /admin/v1/groups/:id/members', allowed: READERS, ok: 200, call: async (f) => ({ path: `/admin/v1/groups/${await f.group()}/members` }) },
  { route: 'PUT /admin/v1/groups/:id/members/:memberId', allowed: ['admin'], ok: 204, call: async (f) => ({ path: `/admin/v1/groups/${await f.group()}/members/${await f.person()}` }) },
  {
    route: 'DELETE /admin/v1/groups/:id/members/:memberId', allowed: ['admin'], ok: 204,
    call: async (f) => {
      const { group, member } = await f.groupWithMember();
      return { path: `/admin/v1/groups/${group}/members/${member}` };
    },
  },

  { route: 'GET /admin/v1/keys', allowed: READERS, ok: 200, call: async () => ({ path: '/admin/v1/keys' }) },
  { route: 'POST /admin/v1/keys/rotate', allowed: ['admin'], ok: 200, call: async () => ({ path: '/admin/v1/keys/rotate', body: {} }) },
  { route: 'GET /admin/v1/events', allowed: READERS, ok: 200, call: async () => ({ path: '/admin/v1/events' }) },
  { route: 'POST /admin/v1/identity-providers', allowed: ['admin'], ok: 201, call: async () => ({ path: '/admin/v1/identity-providers', body: oidcProvider() }) },
  { route: 'GET /admin/v1/identity-providers', allowed: READERS, ok: 200, call: async () => ({ path: '/admin/v1/identity-providers' }) },
  { route: 'GET /admin/v1/identity-providers/:id', allowed: READERS, ok: 200, call: async (f) => ({ path: `/admin/v1/identity-providers/${await f.provider()}` }) },
  { route: 'PATCH /admin/v1/identity-providers/:id', allowed: ['admin'], ok: 200, call: async (f) => ({ path: `/admin/v1/identity-providers/${await f.provider()}`, body: { display_name: 'Renamed' } }) },
  { route: 'DELETE /admin/v1/identity-providers/:id', allowed: ['admin'], ok: 204, call: async (f) => ({ path: `/admin/v1/identity-providers/${await f.provider()}` }) },

  { route: 'GET /admin/v1/device-authorizations', allowed: READERS, ok: 200, call: async () => ({ path: '/admin/v1/device-authorizations' }) },
  // Allowed, but there is no such device authorization: 404 proves the caller got past authorization.
  { route: 'POST /admin/v1/device-authorizations/:id/deny', allowed: ['admin'], ok: 404, call: async () => ({ path: `/admin/v1/device-authorizations/${randomUUID()}/deny` }) },

  { route: 'GET /admin/v1/logout-deliveries', allowed: READERS, ok: 200, call: async () => ({ path: '/admin/v1/logout-deliveries?status=dead' }) },
  // Allowed, but there is no such delivery: 404 proves the caller got past authorization.
  { route: 'POST /admin/v1/logout-deliveries/:id/retry', allowed: ['admin'], ok: 404, call: async () => ({ path: `/admin/v1/logout-deliveries/${randomUUID()}/retry` }) },
  { route: 'GET /admin/v1/config', allowed: READERS, ok: 200, call: async () => ({ path: '/admin/v1/config' }) },
  // A document with no sections and no prune: nothing to change, so the call is harmless to repeat.
  { route: 'POST /admin/v1/config/plan', allowed: ['admin'], ok: 200, call: async () => ({ path: '/admin/v1/config/plan', body: EMPTY_CONFIGURATION }) },
  { route: 'POST /admin/v1/config/apply', allowed: ['admin'], ok: 200, call: async () => ({ path: '/admin/v1/config/apply', body: EMPTY_CONFIGURATION }) },
  { route: 'GET /admin/v1/branding', allowed: READERS, ok: 200, call: async () => ({ path: '/admin/v1/branding' }) },
  { route: 'PUT /admin/v1/branding', allowed: ['admin'], ok: 200, call: async () => ({ path: '/admin/v1/branding', body: { organization_name: 'Acme' } }) },
  { route: 'DELETE /admin/v1/branding', allowed: ['admin'], ok: 204, call: async () => ({ path: '/admin/v1/branding' }) },
];

/** Every route Nest serves under /admin/v1, as `METHOD /path/:param`. */
function adminRoutesOf(app: NestFastifyApplication): string[] {
  const routes = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as { prototype: Record<string, unknown> } | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = type.prototype[name];
        if (typeof handler !== 'function') continue;
        const path: unknown = Reflect.getMetadata(PATH_METADATA, handler);
        const method: unknown = Reflect.getMetadata(METHOD_METADATA, handler);
        if (path === undefined || method === undefined) continue;
        const full = `/${[base, String(path)].map((part) => part.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
        if (full.startsWith('/admin/v1/')) routes.add(`${RequestMethod[method as number]} ${full}`);
      }
    }
  }
  return [...routes].sort();
}

describe('admin API: every route authorized by role, route by route', () => {
  const ctx = useTestServer();
  const tokens = {} as Record<Who, string>;
  let fixtures: Fixtures;

  beforeAll(async () => {
    const person = async (roles: string[]) => {
      const created = await createPerson(ctx.admin, { roles });
      return { ...created, token: (await consoleToken(ctx, created)).access_token };
    };
    const owner = await person(['app-owner']);
    tokens.admin = (await consoleToken(ctx, { username: ADMIN_USERNAME, password: ADMIN_PASSWORD })).access_token;
    tokens['machine:admin'] = ctx.admin.token;
    tokens.auditor = (await person(['auditor'])).token;
    tokens.helpdesk = (await person(['helpdesk'])).token;
    tokens.owner = owner.token;
    tokens['machine:read'] = await machineToken(ctx, 'admin:read');
    tokens['machine:people'] = await machineToken(ctx, 'admin:people');
    // A person without an admin role: the console's client asks for scope admin, and is not granted it.
    tokens['no-role'] = (await consoleToken(ctx, await createPerson(ctx.admin, { roles: ['ops'] }))).access_token;

    const created = async <T extends { id?: string; client_id?: string }>(method: string, path: string, body: unknown): Promise<T> => {
      const response = await ctx.admin.send<T>(method, path, body);
      if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${response.text}`);
      return response.body;
    };
    fixtures = {
      ownerId: owner.id,
      client: async (own) => (await created<{ client_id: string }>('POST', '/admin/v1/clients', { client_name: `App ${suffix()}`, redirect_uris: [CALLBACK], owners: own ? [owner.id] : [] })).client_id,
      api: async (own) => (await created<{ id: string }>('POST', '/admin/v1/apis', { identifier: `https://api-${suffix()}.example.com`, name: 'API', owners: own ? [owner.id] : [] })).id,
      person: async () => (await createPerson(ctx.admin)).id,
      personWithFactor: async () => {
        const person = await createPerson(ctx.admin);
        return { person: person.id, factor: (await enrollTotp(ctx.server.app, person)).factorId };
      },
      group: async () => (await created<{ id: string }>('POST', '/admin/v1/groups', { name: `group-${suffix()}` })).id,
      provider: async () => (await created<{ id: string }>('POST', '/admin/v1/identity-providers', oidcProvider())).id,
      groupWithMember: async () => {
        const group = (await created<{ id: string }>('POST', '/admin/v1/groups', { name: `group-${suffix()}` })).id;
        const member = (await createPerson(ctx.admin)).id;
        await created('PUT', `/admin/v1/groups/${group}/members/${member}`, undefined);
        return { group, member };
      },
    };
  }, 120_000);

  const call = async (who: Who, testCase: RouteCase, own: boolean) => {
    const method = testCase.route.split(' ')[0];
    const { path, body } = await testCase.call(fixtures, own);
    const headers = { authorization: `Bearer ${tokens[who]}` };
    const response = body === undefined
      ? await request(`${ctx.server.baseUrl}${path}`, { method, headers })
      : await postJson(`${ctx.server.baseUrl}${path}`, body, headers, method);
    return { status: response.status, error: (response.body as { error?: string } | undefined)?.error, challenge: response.headers.get('www-authenticate') };
  };

  it('names every admin route the server serves, and the server has a rule for each', () => {
    const served = adminRoutesOf(ctx.server.app);
    expect(served.length).toBeGreaterThan(30);
    expect([...new Set(CASES.map((testCase) => testCase.route))].sort()).toEqual(served);
    expect(Object.keys(ADMIN_ROUTES).sort()).toEqual(served);
  });

  const whos: Who[] = ['admin', 'machine:admin', 'auditor', 'helpdesk', 'owner', 'machine:read', 'machine:people', 'no-role'];
  describe.each(whos)('as %s', (who) => {
    it.each(CASES.map((testCase) => [testCase.label ? `${testCase.route} (${testCase.label})` : testCase.route, testCase] as const))('%s', async (_name, testCase) => {
      const allowed = who === 'machine:admin' || testCase.allowed.includes(who);
      const outcome = await call(who, testCase, true);
      if (allowed) {
        expect({ route: testCase.route, status: outcome.status }).toEqual({ route: testCase.route, status: testCase.ok });
      } else {
        expect({ route: testCase.route, status: outcome.status, error: outcome.error }).toEqual({ route: testCase.route, status: 403, error: 'insufficient_scope' });
        expect(outcome.challenge).toContain('insufficient_scope');
      }
      if (who === 'owner' && testCase.owned) {
        // Another owner's client or API: as if it did not exist.
        expect({ route: testCase.route, other: (await call(who, testCase, false)).status }).toEqual({ route: testCase.route, other: 404 });
      }
    });
  });
});
