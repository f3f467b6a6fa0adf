import { DataSource } from 'typeorm';
import type { AuditEventView } from '@app/contracts';
import { BrowserSession } from '../support/browser-session';
import { useTestServer } from '../support/server-fixture';
import { authorize, authorizeUrl, callbackParams, pkce, redeemCode, registerWebClient, tokenRequest } from '../support/sign-in';
import { ENTERPRISE, expectScimError, expectScimJson, GROUP, LIST_RESPONSE, PATCH_OP, ScimClient, USER } from './scim-client';

/** The request sequence Okta's SCIM 2.0 client sends, replayed. */
describe('SCIM: provisioning as Okta does it', () => {
  const ctx = useTestServer();
  let scim: ScimClient;

  beforeAll(async () => {
    scim = await ScimClient.register(ctx);
  });

  const oktaUser = (userName: string) => ({
    schemas: [USER],
    userName,
    name: { givenName: 'Margaret', familyName: 'Hamilton' },
    emails: [{ primary: true, value: userName, type: 'work' }],
    displayName: 'Margaret Hamilton',
    locale: 'en-US',
    externalId: `00u${userName.length}okta`,
    groups: [],
    active: true,
  });

  it('checks the connection with startIndex/count pages, count=0 giving totals only', async () => {
    // Everyone is listed, the bootstrap administrator too: 3 provisioned + 1.
    for (const name of ['page1@okta.example', 'page2@okta.example', 'page3@okta.example']) {
      expect((await scim.send('POST', '/Users', oktaUser(name))).status).toBe(201);
    }
    const firstPage = await scim.get('/Users?startIndex=1&count=2');
    expectScimJson(firstPage);
    expect(firstPage.body).toMatchObject({ schemas: [LIST_RESPONSE], totalResults: 4, itemsPerPage: 2, startIndex: 1 });
    expect(firstPage.body.Resources).toHaveLength(2);
    const lastPage = await scim.get('/Users?startIndex=4&count=2');
    expect(lastPage.body).toMatchObject({ totalResults: 4, itemsPerPage: 1, startIndex: 4 });
    expect(lastPage.body.Resources[0].userName).toBe('page3@okta.example');
    const pagedIds = [...firstPage.body.Resources, ...(await scim.get('/Users?startIndex=3&count=2')).body.Resources].map((user: { id: string }) => user.id);
    expect(new Set(pagedIds).size).toBe(4);
    const totalsOnly = await scim.get('/Users?count=0');
    expect(totalsOnly.body).toEqual({ schemas: [LIST_RESPONSE], totalResults: 4, itemsPerPage: 0, startIndex: 1, Resources: [] });
    const groups = await scim.get('/Groups?startIndex=1&count=100');
    expect(groups.body).toMatchObject({ totalResults: 0, itemsPerPage: 0, Resources: [] });
    const filteredPage = await scim.find('Users', 'userName sw "page"', '&startIndex=2&count=1&attributes=userName');
    expect(filteredPage.body).toMatchObject({ totalResults: 3, itemsPerPage: 1, startIndex: 2 });
    expect(Object.keys(filteredPage.body.Resources[0]).sort()).toEqual(['id', 'schemas', 'userName']);
  });

  it('creates, finds by userName, replaces with PUT, deactivates with PATCH without path and reactivates', async () => {
    const lookup = await scim.find('Users', 'userName eq "margaret@okta.example"', '&startIndex=1&count=100');
    expect(lookup.body.totalResults).toBe(0);
    const { body: created } = await scim.send('POST', '/Users', oktaUser('margaret@okta.example'));
    const put = await scim.send('PUT', `/Users/${created.id}`, { ...oktaUser('margaret@okta.example'), id: created.id, name: { givenName: 'Maggie', familyName: 'Hamilton' }, title: 'Director' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id: created.id, name: { givenName: 'Maggie' }, title: 'Director', active: true });
    const extended = await scim.patch(`/Users/${created.id}`, [{ op: 'add', path: `${ENTERPRISE}:costCenter`, value: 'CC-7' }]);
    expect(extended.body).toMatchObject({ schemas: [USER, ENTERPRISE], [ENTERPRISE]: { costCenter: 'CC-7' } });
    expect((await scim.get(`/Users/${created.id}`)).body.schemas).toEqual([USER, ENTERPRISE]);

    const deactivated = await scim.patch(`/Users/${created.id}`, [{ op: 'replace', value: { active: false } }]);
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    expect((await ctx.admin.get(`/admin/v1/users/${created.id}`)).body.disabled).toBe(true);
    expect((await scim.find('Users', 'active eq false')).body.Resources.map((user: { id: string }) => user.id)).toEqual([created.id]);
    const reactivated = await scim.send('PUT', `/Users/${created.id}`, { ...oktaUser('margaret@okta.example'), active: true });
    expect(reactivated.body.active).toBe(true);
    expect((await ctx.admin.get(`/admin/v1/users/${created.id}`)).body.disabled).toBe(false);
  });

  it('pushes groups: create with members, PATCH without path to rename, add/remove members, PUT to replace them', async () => {
    const { body: one } = await scim.send('POST', '/Users', oktaUser('one@okta.example'));
    const { body: two } = await scim.send('POST', '/Users', oktaUser('two@okta.example'));
    const created = await scim.send('POST', '/Groups', { schemas: [GROUP], displayName: 'engineering', members: [{ value: one.id, display: 'one@okta.example' }] });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body.members.map((member: { value: string }) => member.value)).toEqual([one.id]);

    const renamed = await scim.patch(`/Groups/${id}`, [{ op: 'replace', value: { id, displayName: 'engineering-all' } }]);
    expect(renamed.body.displayName).toBe('engineering-all');
    const added = await scim.patch(`/Groups/${id}`, [{ op: 'add', path: 'members', value: [{ value: two.id, display: 'two@okta.example' }] }]);
    expect(added.body.members.map((member: { value: string }) => member.value).sort()).toEqual([one.id, two.id].sort());
    const removed = await scim.patch(`/Groups/${id}`, [{ op: 'remove', path: 'members', value: [{ value: one.id }] }]);
    expect(removed.body.members.map((member: { value: string }) => member.value)).toEqual([two.id]);

    const replaced = await scim.send('PUT', `/Groups/${id}`, { schemas: [GROUP], id, displayName: 'engineering-all', members: [{ value: one.id }] });
    expect(replaced.status).toBe(200);
    expect(replaced.body.members.map((member: { value: string }) => member.value)).toEqual([one.id]);
    const emptied = await scim.patch(`/Groups/${id}`, [{ op: 'replace', path: 'members', value: [] }]);
    expect(emptied.body.members).toBeUndefined();
    expect((await ctx.admin.get(`/admin/v1/groups/${id}/members`)).body.items).toEqual([]);
  });

  it('marks memberships SCIM made with their source, leaving ones an administrator made as they are', async () => {
    const { body: person } = await scim.send('POST', '/Users', oktaUser('sourced@okta.example'));
    const { body: group } = await scim.send('POST', '/Groups', { schemas: [GROUP], displayName: 'sourced' });
    expect((await ctx.admin.send('PUT', `/admin/v1/groups/${group.id}/members/${person.id}`)).status).toBe(204);
    // SCIM adding the member again changes nothing and records no change.
    const again = await scim.patch(`/Groups/${group.id}`, [{ op: 'add', path: 'members', value: [{ value: person.id }] }]);
    expect(again.body.members.map((member: { value: string }) => member.value)).toEqual([person.id]);
    const events = await ctx.admin.get<{ items: Array<{ action: string; target_id: string; details: Record<string, unknown> }> }>('/admin/v1/events?limit=100');
    expect(events.body.items.filter((event) => event.target_id === group.id && event.action === 'group.member_added' && event.details.via === 'scim')).toEqual([]);
    const { body: other } = await scim.send('POST', '/Users', oktaUser('scim-made@okta.example'));
    await scim.patch(`/Groups/${group.id}`, [{ op: 'add', path: 'members', value: [{ value: other.id }] }]);
    const sources: Array<{ user_id: string; source: string | null }> = await ctx.server.app.get(DataSource).query(`SELECT user_id, source FROM group_members WHERE group_id = $1`, [group.id]);
    expect(sources.sort((a, b) => (a.source ?? '').localeCompare(b.source ?? ''))).toEqual([{ user_id: person.id, source: null }, { user_id: other.id, source: 'scim' }]);
  });

  it('answers a PATCH body that is not a PatchOp message with invalidSyntax', async () => {
    const { body: user } = await scim.send('POST', '/Users', oktaUser('syntax@okta.example'));
    expectScimError(await scim.send('PATCH', `/Users/${user.id}`, { Operations: [{ op: 'replace', value: { active: false } }] }), 400, 'invalidSyntax');
    expectScimError(await scim.send('PATCH', `/Users/${user.id}`, { schemas: [PATCH_OP], Operations: [{ op: 'frobnicate', path: 'title' }] }), 400, 'invalidSyntax');
  });

  it('a PUT that resends the same password (password sync) keeps the person signed in; deactivating notes what it ended', async () => {
    const password = 'an-okta-synced-password';
    const { body: user } = await scim.send('POST', '/Users', { ...oktaUser('grace@okta.example'), password });
    const client = await registerWebClient(ctx.admin, { scope: 'openid' });
    const { verifier, challenge } = pkce();
    const url = authorizeUrl(client.client_id, { scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256', prompt: 'consent' });
    const signedIn = await authorize(new BrowserSession(ctx.server.baseUrl), url, { username: 'grace@okta.example', password });
    const tokens = await redeemCode(ctx.server.baseUrl, client, callbackParams(signedIn).get('code') ?? '', verifier);
    expect(tokens.status).toBe(200);

    expect((await scim.send('PUT', `/Users/${user.id}`, { ...oktaUser('grace@okta.example'), id: user.id, password })).status).toBe(200);
    const refreshed = await tokenRequest(ctx.server.baseUrl, client, { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token! });
    expect(refreshed.status).toBe(200);

    expect((await scim.patch(`/Users/${user.id}`, [{ op: 'replace', value: { active: false } }])).status).toBe(200);
    const events = await ctx.admin.get<{ items: AuditEventView[] }>('/admin/v1/events?limit=100');
    const disabling = events.body.items.filter((event) => event.action === 'user.updated' && event.target_id === user.id && event.details.disabled === true);
    expect(disabling).toHaveLength(1);
    expect(disabling[0].details).toMatchObject({ sessions_ended: 1, grants_revoked: 1, apps_notified: [client.client_id] });
    const after = await tokenRequest(ctx.server.baseUrl, client, { grant_type: 'refresh_token', refresh_token: refreshed.body.refresh_token! });
    expect({ status: after.status, error: after.body.error }).toEqual({ status: 400, error: 'invalid_grant' });
  });
});
