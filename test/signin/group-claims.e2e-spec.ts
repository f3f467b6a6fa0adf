import { useTestServer } from '../support/server-fixture';
import { basicAuth, decodeJwt, postForm, request } from '../support/http';
import { BrowserSession, submitLogin } from '../support/browser-session';
import { decide, DeviceStart, poll, registerDeviceClient, startDeviceFlow, startOk } from '../support/device';
import { createGroup, putInGroup, registerApi, takeOutOfGroup } from '../support/groups';
import { OPAQUE_API, OPAQUE_API_SCOPE, refresh } from '../support/held-tokens';
import { authorize, authorizeWithPkce, callbackParams, createPerson, introspect, redeemCode, registerWebClient, RegisteredClient, TokenSet } from '../support/sign-in';

type Person = { id: string; username: string; password: string };

const ORDERS_API = 'https://orders.group-claims.example.com';
const SCOPE = `openid profile groups roles offline_access orders:read ${OPAQUE_API_SCOPE}`;
/** What a person in team.payments (inside org) and in finance is in, sorted. */
const ALL_GROUPS = ['finance', 'org', 'team.payments'];

/**
 * Scope `groups` puts the person's groups (transitive, sorted, cut down by the client's
 * groups_claim_filter) and scope `roles` their roles into the id_token, userinfo, JWT access tokens and
 * introspection answers; a reference token is introspected with the claims it was issued with.
 */
describe('the groups and roles claims', () => {
  const ctx = useTestServer();
  const base = () => ctx.server.baseUrl;
  const groupIds: Record<string, string> = {};
  let client: RegisteredClient;
  let ordersApi: RegisteredClient;
  let opaqueApi: RegisteredClient;

  beforeAll(async () => {
    for (const name of ['org', 'team.payments', 'team.search', 'finance']) groupIds[name] = await createGroup(ctx.admin, name);
    await putInGroup(ctx.admin, groupIds.org, groupIds['team.payments']);
    await putInGroup(ctx.admin, groupIds.org, groupIds['team.search']);
    ordersApi = await registerApi(ctx.admin, { identifier: ORDERS_API, name: 'Orders', scopes: [{ name: 'orders:read' }] });
    opaqueApi = await registerApi(ctx.admin, { identifier: OPAQUE_API, name: 'Billing', scopes: [{ name: OPAQUE_API_SCOPE }], access_token_format: 'opaque' });
    client = await registerWebClient(ctx.admin, { first_party: true, scope: SCOPE });
  });

  /** A person directly in team.payments (so also in org) and in finance, with the role billing-clerk. */
  async function member(): Promise<Person> {
    const person = await createPerson(ctx.admin, { roles: ['billing-clerk'] });
    await putInGroup(ctx.admin, groupIds['team.payments'], person.id);
    await putInGroup(ctx.admin, groupIds.finance, person.id);
    return person;
  }

  async function tokens(person: Person, scope: string, of: RegisteredClient = client, params: Record<string, string> = {}): Promise<TokenSet> {
    const { url, verifier } = authorizeWithPkce(of.client_id, { scope, ...params });
    const code = callbackParams(await authorize(new BrowserSession(base()), url, person)).get('code')!;
    const response = await redeemCode(base(), of, code, verifier);
    if (response.status !== 200) throw new Error(`redeem: ${response.status} ${response.text}`);
    return response.body;
  }

  const userinfo = async (accessToken: string) => (await request(`${base()}/oauth2/userinfo`, { headers: { authorization: `Bearer ${accessToken}` } })).body;
  const claimsOf = (jwt: string) => decodeJwt(jwt).payload;

  it('are in the id_token, the JWT access token, its introspection and userinfo: every group, transitively, sorted, and the roles', async () => {
    const set = await tokens(await member(), 'openid groups roles');
    expect(set.scope).toBe('openid groups roles');
    const expected = { groups: ALL_GROUPS, roles: ['billing-clerk'] };
    expect(claimsOf(set.id_token!)).toMatchObject(expected);
    expect(claimsOf(set.access_token)).toMatchObject(expected);
    expect(await introspect(base(), client, set.access_token)).toMatchObject({ active: true, ...expected });
    expect(await userinfo(set.access_token)).toMatchObject(expected);
  });

  it('a person in no group gets an empty groups claim, not none', async () => {
    const set = await tokens(await createPerson(ctx.admin), 'openid groups roles');
    expect(claimsOf(set.id_token!)).toMatchObject({ groups: [], roles: [] });
    expect(await userinfo(set.access_token)).toMatchObject({ groups: [], roles: [] });
  });

  it('without the scopes there are no such claims; profile still brings roles to userinfo', async () => {
    const set = await tokens(await member(), 'openid profile');
    expect(claimsOf(set.id_token!)).not.toHaveProperty('groups');
    expect(claimsOf(set.id_token!)).not.toHaveProperty('roles');
    expect(claimsOf(set.access_token)).not.toHaveProperty('groups');
    const info = await userinfo(set.access_token);
    expect(info).not.toHaveProperty('groups');
    expect(info.roles).toEqual(['billing-clerk']);
  });

  it('an API\'s JWT access token keeps the scopes groups and roles, and the API\'s introspection shows the claims', async () => {
    const set = await tokens(await member(), 'openid groups roles orders:read', client, { resource: ORDERS_API });
    expect(set.scope).toBe('openid groups roles orders:read');
    expect(claimsOf(set.access_token)).toMatchObject({ aud: ORDERS_API, groups: ALL_GROUPS, roles: ['billing-clerk'] });
    const answer = await introspect(base(), ordersApi, set.access_token);
    expect(answer).toMatchObject({ active: true, aud: ORDERS_API, groups: ALL_GROUPS, roles: ['billing-clerk'] });
  });

  it('a reference token is introspected with the claims it was issued with, while userinfo tells the current ones', async () => {
    const person = await member();
    const set = await tokens(person, SCOPE);
    const opaque = await refresh(base(), client, set.refresh_token!, { resource: OPAQUE_API });
    expect(opaque.status).toBe(200);
    expect(opaque.body.access_token.includes('.')).toBe(false);
    expect(await introspect(base(), opaqueApi, opaque.body.access_token)).toMatchObject({ active: true, groups: ALL_GROUPS, roles: ['billing-clerk'] });

    await takeOutOfGroup(ctx.admin, groupIds.finance, person.id);

    expect(await introspect(base(), opaqueApi, opaque.body.access_token)).toMatchObject({ active: true, groups: ALL_GROUPS });
    expect((await userinfo(set.access_token)).groups).toEqual(['org', 'team.payments']);
  });

  it('a reference token without the scopes is introspected without the claims', async () => {
    const set = await tokens(await member(), `openid offline_access ${OPAQUE_API_SCOPE}`);
    const opaque = await refresh(base(), client, set.refresh_token!, { resource: OPAQUE_API });
    const answer = await introspect(base(), opaqueApi, opaque.body.access_token);
    expect(answer).toMatchObject({ active: true });
    expect(answer).not.toHaveProperty('groups');
    expect(answer).not.toHaveProperty('roles');
  });

  it('groups_claim_filter keeps only the groups starting with one of its prefixes, everywhere', async () => {
    const filtered = await registerWebClient(ctx.admin, { first_party: true, scope: SCOPE, groups_claim_filter: ['team.'] });
    const set = await tokens(await member(), 'openid groups', filtered);
    expect(claimsOf(set.id_token!).groups).toEqual(['team.payments']);
    expect(claimsOf(set.access_token).groups).toEqual(['team.payments']);
    expect((await introspect(base(), filtered, set.access_token)).groups).toEqual(['team.payments']);
    expect((await userinfo(set.access_token)).groups).toEqual(['team.payments']);
  });

  it('the device grant carries them too', async () => {
    const person = await member();
    const tv = await registerDeviceClient(ctx.admin, { scope: 'openid groups roles' });
    const browser = new BrowserSession(base());
    expect((await submitLogin(browser, await browser.get('/login?return_to=/device'), person.username, person.password)).status).toBe(303);
    const started = await startOk(ctx.server, tv);
    expect((await decide(browser, started.user_code, 'allow')).status).toBe(200);
    const polled = await poll(ctx.server, tv, started.device_code);
    expect(claimsOf(polled.body.id_token as string)).toMatchObject({ groups: ALL_GROUPS, roles: ['billing-clerk'] });
    expect(claimsOf(polled.body.access_token as string)).toMatchObject({ groups: ALL_GROUPS, roles: ['billing-clerk'] });
  });

  describe('RFC 6749 §3.3: a client must have the scope registered', () => {
    it('at the authorization endpoint: invalid_scope back to the client', async () => {
      const plain = await registerWebClient(ctx.admin, { first_party: true, scope: 'openid profile' });
      const browser = new BrowserSession(base());
      const result = await browser.get(authorizeWithPkce(plain.client_id, { scope: 'openid groups' }).url);
      expect(callbackParams(result).get('error')).toBe('invalid_scope');
    });

    it('at the device authorization endpoint and the token endpoint (client_credentials)', async () => {
      const tv = await registerDeviceClient(ctx.admin, { scope: 'openid profile' });
      const started = await startDeviceFlow(ctx.server, tv, { scope: 'openid roles' });
      expect({ status: started.status, error: (started.body as Partial<DeviceStart> & { error?: string }).error }).toEqual({ status: 400, error: 'invalid_scope' });
      const service = await ctx.admin.registerClient({ client_name: 'Batch', grant_types: ['client_credentials'], token_endpoint_auth_method: 'client_secret_basic', scope: 'orders:read' });
      const refused = await postForm(`${base()}/oauth2/token`, { grant_type: 'client_credentials', scope: 'groups' }, { authorization: basicAuth(service.client_id, service.client_secret!) });
      expect({ status: refused.status, error: refused.body.error }).toEqual({ status: 400, error: 'invalid_scope' });
    });
  });

  it('discovery lists the scopes and the claims', async () => {
    const metadata = (await request(`${base()}/.well-known/openid-configuration`)).body as { scopes_supported: string[]; claims_supported: string[] };
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(['groups', 'roles']));
    expect(metadata.claims_supported).toEqual(expect.arrayContaining(['groups', 'roles']));
  });
});
