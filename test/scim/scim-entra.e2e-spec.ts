import type { AuditEventView } from '@app/contracts';
import { useTestServer } from '../support/server-fixture';
import { BrowserSession } from '../support/browser-session';
import { authorize, authorizeUrl, callbackParams, pkce, redeemCode, registerWebClient, tokenRequest } from '../support/sign-in';
import { ENTERPRISE, expectScimError, expectScimJson, GROUP, LIST_RESPONSE, ScimClient, USER } from './scim-client';

/** The request sequence the Microsoft Entra provisioning service sends, replayed. */
describe('SCIM: provisioning as Microsoft Entra ID does it', () => {
  const ctx = useTestServer();
  let scim: ScimClient;

  beforeAll(async () => {
    scim = await ScimClient.register(ctx);
  });

  const entraUser = (userName: string, externalId: string) => ({
    schemas: [USER, ENTERPRISE],
    externalId,
    userName,
    active: true,
    displayName: 'Grace Hopper',
    emails: [{ primary: true, type: 'work', value: userName }],
    meta: { resourceType: 'User' },
    name: { formatted: 'Grace Hopper', familyName: 'Hopper', givenName: 'Grace' },
    title: 'Rear Admiral',
    [ENTERPRISE]: { department: 'Navy', employeeNumber: '1906' },
  });

  it('looks the person up, creates them, finds them by userName and externalId, and answers RFC 7644 shapes', async () => {
    const missing = await scim.find('Users', 'userName eq "grace@contoso.example"');
    expect(missing.status).toBe(200);
    expectScimJson(missing);
    expect(missing.body).toEqual({ schemas: [LIST_RESPONSE], totalResults: 0, itemsPerPage: 0, startIndex: 1, Resources: [] });

    const created = await scim.send('POST', '/Users', entraUser('grace@contoso.example', 'ext-grace'));
    expect(created.status).toBe(201);
    expectScimJson(created);
    const id = created.body.id as string;
    expect(created.headers.get('location')).toBe(`${ctx.server.config.issuer}/scim/v2/Users/${id}`);
    expect(created.headers.get('etag')).toBe(created.body.meta.version);
    expect(created.body).toMatchObject({
      schemas: [USER, ENTERPRISE],
      id,
      externalId: 'ext-grace',
      userName: 'grace@contoso.example',
      active: true,
      displayName: 'Grace Hopper',
      title: 'Rear Admiral',
      name: { formatted: 'Grace Hopper', familyName: 'Hopper', givenName: 'Grace' },
      emails: [{ primary: true, type: 'work', value: 'grace@contoso.example' }],
      [ENTERPRISE]: { department: 'Navy', employeeNumber: '1906' },
      meta: { resourceType: 'User', location: `${ctx.server.config.issuer}/scim/v2/Users/${id}`, version: expect.stringMatching(/^W\/".+"$/) },
    });
    expect(Date.parse(created.body.meta.created)).not.toBeNaN();
    expect(Date.parse(created.body.meta.lastModified)).not.toBeNaN();

    // userName is caseExact false: Entra's lookup in another case finds the person.
    const byName = await scim.find('Users', 'userName eq "GRACE@contoso.example"');
    expect(byName.body).toMatchObject({ totalResults: 1, itemsPerPage: 1, startIndex: 1, Resources: [{ id }] });
    const byExternalId = await scim.find('Users', 'externalId eq "ext-grace"');
    expect(byExternalId.body.Resources.map((user: { id: string }) => user.id)).toEqual([id]);
    // externalId is caseExact.
    expect((await scim.find('Users', 'externalId eq "EXT-GRACE"')).body.totalResults).toBe(0);
    const byWorkMail = await scim.find('Users', 'emails[type eq "work"].value eq "grace@contoso.example"');
    expect(byWorkMail.body.totalResults).toBe(1);

    const duplicate = await scim.send('POST', '/Users', entraUser('Grace@Contoso.example', 'ext-other'));
    expectScimError(duplicate, 409, 'uniqueness');

    const read = await scim.get(`/Users/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    // The person exists for the admin API, with our columns filled from the SCIM attributes.
    const person = await ctx.admin.get(`/admin/v1/users/${id}`);
    expect(person.body).toMatchObject({ username: 'grace@contoso.example', email: 'grace@contoso.example', name: 'Grace Hopper', given_name: 'Grace', family_name: 'Hopper', disabled: false });
  });

  it('applies Entra-style PATCH operations: Replace with paths, value filters and the enterprise extension', async () => {
    const { body: user } = await scim.send('POST', '/Users', entraUser('ada@contoso.example', 'ext-ada'));
    const patched = await scim.patch(`/Users/${user.id}`, [
      { op: 'Replace', path: 'name.givenName', value: 'Augusta' },
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'augusta@contoso.example' },
      { op: 'Add', path: 'phoneNumbers[type eq "mobile"].value', value: '+44 20 7946 0000' },
      { op: 'Replace', path: `${ENTERPRISE}:department`, value: 'Analytical Engines' },
      // Entra ID sends the manager as the bare id.
      { op: 'Add', path: `${ENTERPRISE}:manager`, value: 'mgr-1' },
      { op: 'Remove', path: 'title' },
    ]);
    expect(patched.status).toBe(200);
    expectScimJson(patched);
    expect(patched.body).toMatchObject({
      name: { givenName: 'Augusta', familyName: 'Hopper' },
      emails: [{ type: 'work', primary: true, value: 'augusta@contoso.example' }],
      phoneNumbers: [{ type: 'mobile', value: '+44 20 7946 0000' }],
      [ENTERPRISE]: { department: 'Analytical Engines', employeeNumber: '1906', manager: { value: 'mgr-1' } },
    });
    expect(patched.body.title).toBeUndefined();
    expect(patched.body.meta.version).not.toBe(user.meta.version);
    expect(patched.headers.get('etag')).toBe(patched.body.meta.version);
    expect((await ctx.admin.get(`/admin/v1/users/${user.id}`)).body).toMatchObject({ email: 'augusta@contoso.example', given_name: 'Augusta' });
    const filtered = await scim.find('Users', `${ENTERPRISE}:department eq "analytical engines" and phoneNumbers[type eq "mobile"]`);
    expect(filtered.body.Resources.map((found: { id: string }) => found.id)).toEqual([user.id]);
  });

  it('deactivates with "False" (string) and the person loses refresh tokens and sign-in; then deletes', async () => {
    const password = 'a-strong-provisioned-password';
    const { body: user } = await scim.send('POST', '/Users', { ...entraUser('linus@contoso.example', 'ext-linus'), password });
    expect(user.password).toBeUndefined();
    const client = await registerWebClient(ctx.admin, { scope: 'openid offline_access' });
    const { verifier, challenge } = pkce();
    const browser = new BrowserSession(ctx.server.baseUrl);
    const url = authorizeUrl(client.client_id, { scope: 'openid offline_access', code_challenge: challenge, code_challenge_method: 'S256', prompt: 'consent' });
    const signedIn = await authorize(browser, url, { username: 'linus@contoso.example', password });
    const tokens = await redeemCode(ctx.server.baseUrl, client, callbackParams(signedIn).get('code') ?? '', verifier);
    expect(tokens.status).toBe(200);

    const deactivated = await scim.patch(`/Users/${user.id}`, [{ op: 'Replace', path: 'active', value: 'False' }]);
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    const refreshed = await tokenRequest(ctx.server.baseUrl, client, { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token! });
    expect({ status: refreshed.status, error: refreshed.body.error }).toEqual({ status: 400, error: 'invalid_grant' });
    const again = await authorize(new BrowserSession(ctx.server.baseUrl), url, { username: 'linus@contoso.example', password });
    // Refused at the login page: no redirect back to the client.
    expect(again.status).toBe(401);
    expect(again.location).toBeUndefined();

    expect((await scim.send('DELETE', `/Users/${user.id}`)).status).toBe(204);
    expectScimError(await scim.get(`/Users/${user.id}`), 404);
    expect((await ctx.admin.get(`/admin/v1/users/${user.id}`)).status).toBe(404);
  });

  it('creates a group, reads it without members, adds and removes members the Entra way, renames and deletes it', async () => {
    const { body: first } = await scim.send('POST', '/Users', entraUser('first@contoso.example', 'ext-first'));
    const { body: second } = await scim.send('POST', '/Users', entraUser('second@contoso.example', 'ext-second'));
    expect((await scim.find('Groups', 'displayName eq "Sales Team"', '&excludedAttributes=members')).body.totalResults).toBe(0);
    const created = await scim.send('POST', '/Groups', { schemas: [GROUP], externalId: 'grp-sales', displayName: 'Sales Team', members: [] });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.headers.get('location')).toBe(`${ctx.server.config.issuer}/scim/v2/Groups/${id}`);
    expect(created.body).toMatchObject({ schemas: [GROUP], id, externalId: 'grp-sales', displayName: 'Sales Team', meta: { resourceType: 'Group' } });
    // The group's name in tokens keeps to scope-token characters.
    expect((await ctx.admin.get(`/admin/v1/groups/${id}`)).body.name).toBe('Sales-Team');
    const found = await scim.find('Groups', 'displayName eq "sales team"', '&excludedAttributes=members');
    expect(found.body.Resources).toEqual([expect.objectContaining({ id, displayName: 'Sales Team' })]);

    const added = await scim.patch(`/Groups/${id}`, [{ op: 'Add', path: 'members', value: [{ value: first.id }, { value: second.id }] }]);
    expect(added.status).toBe(200);
    expect(added.body.members).toEqual(expect.arrayContaining([
      { value: first.id, display: 'first@contoso.example', type: 'User', $ref: `${ctx.server.config.issuer}/scim/v2/Users/${first.id}` },
      expect.objectContaining({ value: second.id }),
    ]));
    const removed = await scim.patch(`/Groups/${id}`, [{ op: 'Remove', path: `members[value eq "${first.id}"]` }]);
    expect(removed.body.members.map((member: { value: string }) => member.value)).toEqual([second.id]);
    const withoutMembers = await scim.get(`/Groups/${id}?excludedAttributes=members`);
    expect(withoutMembers.body.members).toBeUndefined();
    expect(withoutMembers.body.meta.version).toBe(removed.body.meta.version);
    const listedWithout = await scim.find('Groups', `displayName eq "Sales Team"`, '&excludedAttributes=members');
    expect(listedWithout.body.Resources).toEqual([expect.objectContaining({ id, displayName: 'Sales Team' })]);
    expect(listedWithout.body.Resources[0].members).toBeUndefined();
    // Members matter to this filter, so they are read for it, and still left out of the answer.
    const byMember = await scim.find('Groups', `members[value eq "${second.id}"]`, '&excludedAttributes=members');
    expect(byMember.body.Resources.map((group: { id: string; members?: unknown }) => [group.id, group.members])).toEqual([[id, undefined]]);
    expect((await ctx.admin.get(`/admin/v1/users/${second.id}/groups`)).body.items).toEqual([expect.objectContaining({ id, direct: true })]);

    const renamed = await scim.patch(`/Groups/${id}`, [{ op: 'Replace', path: 'displayName', value: 'Sales EMEA' }]);
    expect(renamed.body.displayName).toBe('Sales EMEA');
    expect((await ctx.admin.get(`/admin/v1/groups/${id}`)).body.name).toBe('Sales-EMEA');
    expect((await scim.send('DELETE', `/Groups/${id}`)).status).toBe(204);
    expectScimError(await scim.get(`/Groups/${id}`), 404);
  });

  it('records provisioning in the audit log with the SCIM client as actor', async () => {
    const events = await ctx.admin.get<{ items: AuditEventView[] }>('/admin/v1/events?limit=100');
    const scimEvents = events.body.items.filter((event) => event.details.via === 'scim');
    expect(scimEvents.map((event) => event.action)).toEqual(expect.arrayContaining(['user.created', 'user.updated', 'user.deleted', 'group.created', 'group.member_added', 'group.member_removed', 'group.deleted']));
    expect(scimEvents.every((event) => event.actor_type === 'client' && event.actor_id === scim.clientId)).toBe(true);
    const deactivation = scimEvents.find((event) => event.action === 'user.updated' && event.details.disabled === true);
    expect(deactivation?.details.changes).toMatchObject({ active: { before: true, after: false } });
  });
});
