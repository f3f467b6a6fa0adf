import { parse, stringify } from 'yaml';
import { useTestServer } from '../support/server-fixture';
import { ADMIN_CLIENT_SECRET } from '../support/test-server';
import { ALICE, appSecretVariable, exportYaml, LDAP_PASSWORD, OIDC_SECRET, populate, Populated, sendYaml, withSecrets } from './config-fixtures';

type Doc = Record<string, Array<Record<string, unknown>>>;

describe('configuration as code: export, plan and apply between two servers', () => {
  const source = useTestServer();
  const target = useTestServer();
  let populated: Populated;
  let exported: string;
  let secrets: Record<string, string>;

  beforeAll(async () => {
    populated = await populate(source.admin);
    // People are not configuration: the person the roles and owners name exists on both servers.
    const person = await target.admin.send('POST', '/admin/v1/users', { username: ALICE, password: 'another password 4567' });
    expect(person.status).toBe(201);
    exported = await exportYaml(source);
    secrets = { [appSecretVariable(populated.webClientId)]: populated.webSecret, IDP_CONTOSO_SECRET: OIDC_SECRET, IDP_CORP_LDAP_SECRET: LDAP_PASSWORD };
  }, 120_000);

  it('exports every kind of object, with secrets as references and never in clear', () => {
    for (const secret of [populated.webSecret, OIDC_SECRET, LDAP_PASSWORD, ADMIN_CLIENT_SECRET]) expect(exported).not.toContain(secret);
    const document = parse(exported) as Doc;
    expect(document.apiVersion).toBe('meridian-auth/v1');
    expect(document.kind).toBe('Configuration');
    const web = document.applications.find((app) => app.client_id === populated.webClientId)!;
    expect(web).toMatchObject({ client_name: 'Orders web', allowed_groups: ['engineering'], default_acr_values: ['mfa'], owners: [ALICE], client_secret: `\${env:${appSecretVariable(populated.webClientId)}}` });
    expect(document.applications.find((app) => app.client_name === 'Orders SPA')).not.toHaveProperty('client_secret');
    expect(document.apis).toEqual([expect.objectContaining({ identifier: 'https://orders.example.com/api', allowed_clients: [populated.webClientId], scopes: [{ name: 'orders:read', description: 'Read orders' }, { name: 'orders:write', description: '' }] })]);
    expect(document.groups).toEqual([
      expect.objectContaining({ name: 'engineering', require_mfa: true, parents: [] }),
      expect.objectContaining({ name: 'engineering.platform', parents: ['engineering'] }),
    ]);
    expect(document.roles).toEqual(expect.arrayContaining([{ role: 'auditor', people: [ALICE] }, { role: 'app-owner', people: [ALICE] }]));
    const providers = Object.fromEntries(document.identity_providers.map((provider) => [provider.name, provider]));
    expect(providers.contoso).toMatchObject({ type: 'oidc', client_secret: '${env:IDP_CONTOSO_SECRET}', group_mapping: { 'abc-123': 'engineering' } });
    expect(providers['corp-ldap']).toMatchObject({ type: 'ldap', bind_password: '${env:IDP_CORP_LDAP_SECRET}' });
    // Byte-stable: a second export is the same text.
    return expect(exportYaml(source)).resolves.toBe(exported);
  });

  it('plans the creations on an empty server, and a reference without a value names its field', async () => {
    const unresolved = await sendYaml(target, '/admin/v1/config/plan', exported);
    expect(unresolved.status).toBe(400);
    expect(unresolved.body.error).toBe('invalid_request');
    expect(Object.keys(unresolved.body.fields ?? {})).toEqual([expect.stringMatching(/^applications\[\d+\]\.client_secret$/)]);

    const plan = await sendYaml(target, '/admin/v1/config/plan', withSecrets(exported, secrets));
    expect(plan.status).toBe(200);
    const spa = (parse(exported) as Doc).applications.find((app) => app.client_name === 'Orders SPA')!;
    const summary = plan.body.changes.map((change) => `${change.action} ${change.kind} ${change.key}`).sort();
    expect(summary).toEqual([
      'create api https://orders.example.com/api',
      `create application ${populated.webClientId}`,
      `create application ${String(spa.client_id)}`,
      'create group engineering',
      'create group engineering.platform',
      'create identity_provider contoso',
      'create identity_provider corp-ldap',
      'create role app-owner',
      'create role auditor',
    ].sort());
    const created = plan.body.changes.find((change) => change.key === populated.webClientId)!;
    expect(created.diff.client_secret).toEqual({ after: '(secret)' });
    expect(JSON.stringify(plan.body)).not.toContain(populated.webSecret);
    expect(plan.body.kept).toEqual([]);
  });

  it('applies to the empty server, which then exports the same YAML, and a second apply changes nothing', async () => {
    const applied = await sendYaml(target, '/admin/v1/config/apply', withSecrets(exported, secrets));
    expect(applied.status).toBe(200);
    expect(applied.body.changes.length).toBe(9);
    expect(await exportYaml(target)).toBe(exported);

    const again = await sendYaml(target, '/admin/v1/config/apply', withSecrets(exported, secrets));
    expect(again.status).toBe(200);
    expect(again.body.changes).toEqual([]);
    // Unresolved references keep the stored secrets: nothing to change either.
    expect((await sendYaml(target, '/admin/v1/config/plan', exported)).body.changes).toEqual([]);
  });

  it('stores the applied secrets: the client authenticates on the new server with its secret from the old one', async () => {
    const response = await fetch(`${target.server.baseUrl}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${populated.webClientId}:${encodeURIComponent(populated.webSecret)}`).toString('base64')}` },
      body: 'grant_type=client_credentials',
    });
    // The client may not use client_credentials, which proves it authenticated first (RFC 6749 §5.2).
    expect(await response.json()).toMatchObject({ error: 'unauthorized_client' });
  });

  it('records one config.applied event per apply, with counts and no secrets', async () => {
    const events = await target.admin.get<{ items: Array<{ action: string; details: Record<string, unknown> }> }>('/admin/v1/events?action=config.applied');
    expect(events.status).toBe(200);
    expect(events.body.items.length).toBe(2);
    expect(events.body.items.map((event) => event.details.counts)).toEqual(expect.arrayContaining([{ create: 9, update: 0, delete: 0, kept: 0 }]));
    const text = JSON.stringify(events.body);
    for (const secret of [populated.webSecret, OIDC_SECRET, LDAP_PASSWORD]) expect(text).not.toContain(secret);
  });

  it('plans an update field by field, keeps what the file leaves out, and deletes it only with prune', async () => {
    const document = parse(exported) as Doc;
    const spa = document.applications.find((app) => app.client_name === 'Orders SPA')!;
    spa.client_name = 'Orders single-page app';
    document.identity_providers = document.identity_providers.filter((provider) => provider.name !== 'corp-ldap');
    document.groups = document.groups.filter((group) => group.name !== 'engineering.platform');
    const changed = stringify(document);
    // The console's registration is not in the file, but its policy may name a group the file prunes.
    expect((await target.admin.send('PATCH', '/admin/v1/clients/admin-console', { allowed_groups: ['engineering.platform'] })).status).toBe(200);

    const plan = await sendYaml(target, '/admin/v1/config/plan', changed);
    expect(plan.body.changes).toEqual([{ action: 'update', kind: 'application', key: spa.client_id, diff: { client_name: { before: 'Orders SPA', after: 'Orders single-page app' } } }]);
    expect(plan.body.kept).toEqual([{ kind: 'group', key: 'engineering.platform' }, { kind: 'identity_provider', key: 'corp-ldap' }]);

    const pruned = await sendYaml(target, '/admin/v1/config/plan?prune=true', changed);
    expect(pruned.body.changes.map((change) => `${change.action} ${change.kind} ${change.key}`)).toEqual([
      `update application ${String(spa.client_id)}`,
      'delete group engineering.platform',
      'delete identity_provider corp-ldap',
    ]);
    expect(pruned.body.changes[2].diff.bind_password).toEqual({ before: '(secret)' });

    expect((await sendYaml(target, '/admin/v1/config/apply', changed)).status).toBe(200);
    expect(await providerNames()).toContain('corp-ldap');
    expect((await sendYaml(target, '/admin/v1/config/apply?prune=true', changed)).status).toBe(200);
    expect(await providerNames()).toEqual(['contoso']);
    const groups = await target.admin.get<{ items: Array<{ name: string }> }>('/admin/v1/groups');
    expect(groups.body.items.map((group) => group.name)).toEqual(['engineering']);
    expect((await target.admin.get('/admin/v1/clients/admin-console')).body.allowed_groups).toEqual([]);
    expect((await sendYaml(target, '/admin/v1/config/plan?prune=true', changed)).body).toEqual({ changes: [], kept: [] });
  });

  it('refuses a bad document with 400 naming the field, and writes nothing of it', async () => {
    const before = await exportYaml(target);
    const document = parse(before) as Doc;
    document.groups.push({ name: 'written-by-a-refused-file' });
    const web = document.applications.find((app) => app.client_id === populated.webClientId)!;
    web.redirect_uris = ['https://orders.example.com/callback#fragment'];
    const refused = await sendYaml(target, '/admin/v1/config/apply', stringify(document));
    expect(refused.status).toBe(400);
    const index = document.applications.indexOf(web);
    expect(refused.body.error_description).toMatch(new RegExp(`^applications\\[${index}\\]\\.redirect_uris`));
    expect(await exportYaml(target)).toBe(before);
  });

  it('rolls the whole apply back when a write fails inside the transaction', async () => {
    const before = await exportYaml(target);
    const document = parse(before) as Doc;
    document.groups.push({ name: 'written-before-the-failure' });
    // Taking admin from everyone is refused by the last-administrator rule, after the group was written.
    document.roles = [...document.roles.filter((role) => role.role !== 'admin'), { role: 'admin', people: [] }];
    const refused = await sendYaml(target, '/admin/v1/config/apply', stringify(document));
    expect(refused.status).toBe(409);
    expect(await exportYaml(target)).toBe(before);
  });

  it('refuses documents of another version, bad YAML and a bad prune flag as 400', async () => {
    const wrongVersion = await sendYaml(target, '/admin/v1/config/plan', 'apiVersion: meridian-auth/v0\nkind: Configuration\n');
    expect([wrongVersion.status, wrongVersion.body.fields]).toEqual([400, { apiVersion: 'must be meridian-auth/v1' }]);
    const badYaml = await sendYaml(target, '/admin/v1/config/plan', 'apiVersion: [unclosed\n');
    expect([badYaml.status, Object.keys(badYaml.body.fields ?? {})]).toEqual([400, ['document']]);
    const badPrune = await sendYaml(target, '/admin/v1/config/plan?prune=maybe', exported);
    expect([badPrune.status, badPrune.body.error]).toEqual([400, 'invalid_request']);
  });

  async function providerNames(): Promise<string[]> {
    const list = await target.admin.get<{ items: Array<{ name: string }> }>('/admin/v1/identity-providers');
    return list.body.items.map((provider) => provider.name).sort();
  }
});
