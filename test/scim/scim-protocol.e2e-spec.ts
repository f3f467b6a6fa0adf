import { machineToken } from '../support/admin-tokens';
import { patchClient } from '../support/groups';
import { request } from '../support/http';
import { useTestServer } from '../support/server-fixture';
import { ADMIN_USERNAME } from '../support/test-server';
import { registerWebClient } from '../support/sign-in';
import { ENTERPRISE, expectScimError, expectScimJson, GROUP, LIST_RESPONSE, PATCH_OP, ScimClient, USER } from './scim-client';

describe('SCIM: authorization, errors (RFC 7644 §3.12) and discovery (§4)', () => {
  const ctx = useTestServer();
  let scim: ScimClient;
  let user: Record<string, any>;

  beforeAll(async () => {
    scim = await ScimClient.register(ctx);
    user = (await scim.send('POST', '/Users', { schemas: [USER], userName: 'protocol@example.com', title: 'Engineer', emails: [{ value: 'protocol@example.com', type: 'work' }, { value: 'home@example.org', type: 'home' }] })).body;
  });

  const scimUrl = (path: string) => `${ctx.server.baseUrl}/scim/v2${path}`;

  it('answers 401 with a Bearer challenge without a valid token, and 403 without scope scim (RFC 6750 §3.1)', async () => {
    for (const authorization of [undefined, 'Bearer not-a-token', 'Basic abc']) {
      const response = await request(scimUrl('/Users'), { headers: authorization ? { authorization } : {} });
      expectScimError(response, 401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    for (const token of [await machineToken(ctx, 'api:read'), ctx.admin.token]) {
      const response = await request(scimUrl('/Users'), { headers: { authorization: `Bearer ${token}` } });
      expectScimError(response, 403);
      expect(response.headers.get('www-authenticate')).toContain('insufficient_scope');
    }
  });

  it('refuses the token of a client deleted since (its tokens are not stored, the client check ends them)', async () => {
    const doomed = await ScimClient.register(ctx);
    expect((await doomed.get('/Users?count=0')).status).toBe(200);
    expect((await ctx.admin.send('DELETE', `/admin/v1/clients/${doomed.clientId}`)).status).toBe(204);
    expectScimError(await doomed.get('/Users?count=0'), 401);
  });

  it('publishes ServiceProviderConfig, Schemas and ResourceTypes', async () => {
    const config = await scim.get('/ServiceProviderConfig');
    expectScimJson(config);
    expect(config.body).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false },
      filter: { supported: true, maxResults: 200 },
      sort: { supported: false },
      etag: { supported: true },
      authenticationSchemes: [expect.objectContaining({ type: 'oauthbearertoken' })],
      meta: { resourceType: 'ServiceProviderConfig', location: `${ctx.server.config.issuer}/scim/v2/ServiceProviderConfig` },
    });
    const schemas = await scim.get('/Schemas');
    expect(schemas.body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 3 });
    expect(schemas.body.Resources.map((schema: { id: string }) => schema.id)).toEqual([USER, ENTERPRISE, GROUP]);
    const userSchema = await scim.get(`/Schemas/${USER}`);
    expect(userSchema.body.attributes).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'userName', caseExact: false, uniqueness: 'server', required: true })]));
    expect(userSchema.body.meta).toEqual({ resourceType: 'Schema', location: `${ctx.server.config.issuer}/scim/v2/Schemas/${USER}` });
    const types = await scim.get('/ResourceTypes');
    expect(types.body.Resources).toEqual([
      expect.objectContaining({ id: 'User', name: 'User', endpoint: '/Users', schema: USER, schemaExtensions: [{ schema: ENTERPRISE, required: false }] }),
      expect.objectContaining({ id: 'Group', name: 'Group', endpoint: '/Groups', schema: GROUP }),
    ]);
    expect((await scim.get('/ResourceTypes/Group')).body.meta).toEqual({ resourceType: 'ResourceType', location: `${ctx.server.config.issuer}/scim/v2/ResourceTypes/Group` });
    expectScimError(await scim.get('/Schemas/urn:nope'), 404);
  });

  it('evaluates filters: not, or, parentheses, ne, pr, co, ew and gt on dates, case-insensitive names', async () => {
    const ids = async (filter: string) => (await scim.find('Users', filter)).body.Resources.map((found: { id: string }) => found.id);
    expect(await ids('USERNAME Eq "Protocol@Example.com"')).toEqual([user.id]);
    expect(await ids('userName eq "protocol@example.com" and not (title eq "Manager")')).toEqual([user.id]);
    expect(await ids('userName eq "protocol@example.com" and (title eq "Manager" or title co "engine")')).toEqual([user.id]);
    expect(await ids('userName eq "protocol@example.com" and title ne "Engineer"')).toEqual([]);
    expect(await ids('title pr and emails[type eq "home" and value ew ".org"]')).toEqual([user.id]);
    expect(await ids('emails[type eq "work"].value eq "home@example.org"')).toEqual([]);
    expect(await ids(`meta.created gt "2000-01-01T00:00:00Z" and userName sw "protocol"`)).toEqual([user.id]);
    expect(await ids(`id eq "${user.id}"`)).toEqual([user.id]);
    expect(await ids('id eq "not-a-uuid"')).toEqual([]);
  });

  it('answers bad filters and bad parameters with 400 invalidFilter / invalidValue', async () => {
    for (const filter of ['userName eq', 'userName xx "a"', '((userName eq "a")', 'userName eq "a" and']) {
      expectScimError(await scim.find('Users', filter), 400, 'invalidFilter');
    }
    expectScimError(await scim.get('/Users?startIndex=abc'), 400, 'invalidValue');
    expectScimError(await scim.get('/Users?count=1&count=2'), 400, 'invalidValue');
  });

  it('answers bad bodies in SCIM shape: invalidSyntax, invalidValue, mutability, noTarget, invalidPath, uniqueness', async () => {
    const notJson = await scim.send('POST', '/Users', '{"userName": ');
    expectScimError(notJson, 400, 'invalidSyntax');
    expectScimError(await scim.send('POST', '/Users', [1, 2]), 400, 'invalidSyntax');
    expectScimError(await scim.send('POST', '/Users', { schemas: [GROUP], userName: 'x' }), 400, 'invalidSyntax');
    expectScimError(await scim.send('POST', '/Users', { schemas: [USER] }), 400, 'invalidValue');
    expectScimError(await scim.send('POST', '/Users', { schemas: [USER], userName: 'has space' }), 400, 'invalidValue');
    expectScimError(await scim.send('POST', '/Users', { schemas: [USER], userName: 'flag@example.com', active: 'maybe' }), 400, 'invalidValue');
    expectScimError(await scim.send('POST', '/Users', { schemas: [USER], userName: 'nested@example.com', name: 'not an object' }), 400, 'invalidValue');
    expectScimError(await scim.send('PUT', `/Users/${user.id}`, { schemas: [USER], id: '00000000-0000-4000-8000-000000000000', userName: 'protocol@example.com' }), 400, 'mutability');
    expectScimError(await scim.patch(`/Users/${user.id}`, [{ op: 'replace', path: 'id', value: 'other' }]), 400, 'mutability');
    expectScimError(await scim.patch(`/Users/${user.id}`, [{ op: 'replace', path: 'meta.created', value: '2001-01-01T00:00:00Z' }]), 400, 'mutability');
    expectScimError(await scim.patch(`/Users/${user.id}`, [{ op: 'remove' }]), 400, 'noTarget');
    expectScimError(await scim.patch(`/Users/${user.id}`, [{ op: 'replace', path: 'emails[value co "nobody"].type', value: 'other' }]), 400, 'noTarget');
    expectScimError(await scim.patch(`/Users/${user.id}`, [{ op: 'replace', path: 'favouriteColour', value: 'blue' }]), 400, 'invalidPath');
    expectScimError(await scim.patch(`/Users/${user.id}`, [{ op: 'replace', path: 'emails[type eq "work"', value: 'x' }]), 400, 'invalidPath');
    expectScimError(await scim.send('POST', '/Groups', { schemas: [GROUP], displayName: 'dupe' }).then(() => scim.send('POST', '/Groups', { schemas: [GROUP], displayName: 'DUPE' })), 409, 'uniqueness');
    expectScimError(await scim.send('POST', '/Groups', { schemas: [GROUP], displayName: 'with-ghost', members: [{ value: '00000000-0000-4000-8000-000000000000' }] }), 400, 'invalidValue');
    // Nothing was left behind for the client's retry to collide with.
    expect((await scim.find('Groups', 'displayName eq "with-ghost"')).body.totalResults).toBe(0);
    const plainJson = await request(scimUrl(`/Users/${user.id}`), {
      method: 'PATCH',
      headers: { authorization: `Bearer ${scim.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'nickName', value: 'proto' }] }),
    });
    expect({ status: plainJson.status, nickName: (plainJson.body as Record<string, unknown>).nickName }).toEqual({ status: 200, nickName: 'proto' });
    const withCharset = await scim.send('POST', '/Users', { schemas: [USER], userName: 'charset@example.com' }, { 'content-type': 'application/scim+json; charset=utf-8' });
    expect(withCharset.status).toBe(201);
    const otherType = await scim.send('POST', '/Users', 'userName=x', { 'content-type': 'text/csv' });
    expectScimError(otherType, 415);
  });

  it('answers 404 without scimType for unknown ids, whatever their shape', async () => {
    for (const path of ['/Users/00000000-0000-4000-8000-000000000000', '/Users/nope', '/Groups/00000000-0000-4000-8000-000000000000']) {
      const response = await scim.get(path);
      expectScimError(response, 404);
      expect(response.body.scimType).toBeUndefined();
    }
    expectScimError(await scim.send('DELETE', '/Users/nope'), 404);
  });

  it('honours If-Match (RFC 7644 §3.14): a stale version is 412, the current one goes through', async () => {
    const current = await scim.get(`/Users/${user.id}`);
    const version = current.headers.get('etag')!;
    const first = await scim.send('PATCH', `/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'Lead' }] }, { 'if-match': version });
    expect(first.status).toBe(200);
    const stale = await scim.send('PATCH', `/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'title', value: 'Staff' }] }, { 'if-match': version });
    expectScimError(stale, 412);
    expect((await scim.get(`/Users/${user.id}`)).body.title).toBe('Lead');
  });

  it('keeps a group an access policy names (409) instead of opening the app to everyone', async () => {
    const { body: group } = await scim.send('POST', '/Groups', { schemas: [GROUP], displayName: 'guarded' });
    const client = await registerWebClient(ctx.admin);
    await patchClient(ctx.admin, client.client_id, { allowed_groups: ['guarded'] });
    expectScimError(await scim.send('DELETE', `/Groups/${group.id}`), 409);
    expect((await scim.get(`/Groups/${group.id}`)).status).toBe(200);
  });

  it('lists administrators but leaves them to the admin API (403): a directory cannot lock them out', async () => {
    const { body: found } = await scim.find('Users', `userName eq "${ADMIN_USERNAME}"`);
    const adminId = found.Resources[0].id as string;
    expectScimError(await scim.patch(`/Users/${adminId}`, [{ op: 'replace', path: 'active', value: false }]), 403);
    expectScimError(await scim.send('PUT', `/Users/${adminId}`, { schemas: [USER], userName: ADMIN_USERNAME, active: false }), 403);
    expectScimError(await scim.send('DELETE', `/Users/${adminId}`), 403);
    expect((await ctx.admin.get(`/admin/v1/users/${adminId}`)).body.disabled).toBe(false);
  });

  it('honours attributes and excludedAttributes on reads', async () => {
    const only = await scim.get(`/Users/${user.id}?attributes=userName,emails.value`);
    expect(only.body).toEqual({ schemas: [USER], id: user.id, userName: 'protocol@example.com', emails: [{ value: 'protocol@example.com' }, { value: 'home@example.org' }] });
    const without = await scim.get(`/Users/${user.id}?excludedAttributes=emails,meta`);
    expect(without.body.emails).toBeUndefined();
    expect(without.body.meta).toBeUndefined();
    expect(without.body.userName).toBe('protocol@example.com');
  });
});
