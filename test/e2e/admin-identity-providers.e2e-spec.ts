import { DataSource } from 'typeorm';
import type { IdentityProviderView } from '@app/contracts';
import { useTestServer } from '../support/server-fixture';

interface ErrorBody {
  error: string;
  fields?: Record<string, string>;
}

describe('admin API: /admin/v1/identity-providers', () => {
  const ctx = useTestServer({ KEY_ENCRYPTION_SECRET: 'identity-provider-test-secret-0123456789' });
  const create = (body: Record<string, unknown>) => ctx.admin.send<IdentityProviderView & ErrorBody>('POST', '/admin/v1/identity-providers', body);

  it('registers an OIDC provider from a template, shows the redirect URI to register upstream, and never the secret', async () => {
    await ctx.admin.send('POST', '/admin/v1/groups', { name: 'engineering' });
    const created = await create({
      type: 'oidc', name: 'contoso', display_name: 'Contoso', template: 'entra-id',
      issuer: 'https://login.microsoftonline.com/0000-tenant/v2.0', client_id: 'our-app', client_secret: 'upstream secret',
      domains: ['Contoso.com'], group_mapping: { '6f1d-engineering-object-id': 'Engineering' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      type: 'oidc', name: 'contoso', display_name: 'Contoso', scopes: ['openid', 'profile', 'email'], groups_claim: 'groups',
      domains: ['contoso.com'], jit: true, link_by_verified_email: false, secret_set: true,
      redirect_uri: `${ctx.server.config.issuer}/federation/contoso/callback`,
    });
    expect(JSON.stringify(created.body)).not.toContain('upstream secret');
    const listed = await ctx.admin.get<{ items: IdentityProviderView[] }>('/admin/v1/identity-providers');
    expect(listed.body.items.map((provider) => provider.name)).toContain('contoso');
    expect(JSON.stringify(listed.body)).not.toContain('upstream secret');
  });

  it('registers an Active Directory directory with its preset attribute names and nested-group filter', async () => {
    const created = await create({
      type: 'ldap', name: 'corp', template: 'active-directory', url: 'ldaps://dc1.corp.example:636',
      bind_dn: 'CN=svc,OU=Service,DC=corp,DC=example', bind_password: 'bind secret', user_base_dn: 'OU=People,DC=corp,DC=example',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      type: 'ldap', user_filter: '(&(objectClass=user)(sAMAccountName={username}))', group_filter: '(member:1.2.840.113556.1.4.1941:={dn})',
      nested_groups: true, attributes: { username: 'sAMAccountName', id: 'objectGUID' }, secret_set: true,
    });
  });

  it('changes only what a PATCH sends, keeps the secret unless one is sent, and refuses a new name', async () => {
    const created = await create({ type: 'oidc', name: 'okta-corp', template: 'okta', issuer: 'https://corp.okta.com/oauth2/default', client_id: 'x', client_secret: 'one' });
    const patched = await ctx.admin.send<IdentityProviderView>('PATCH', `/admin/v1/identity-providers/${created.body.id}`, { display_name: 'Okta', enabled: false });
    expect(patched.body).toMatchObject({ display_name: 'Okta', enabled: false, scopes: ['openid', 'profile', 'email', 'groups'], secret_set: true });
    expect((await ctx.admin.send<ErrorBody>('PATCH', `/admin/v1/identity-providers/${created.body.id}`, { name: 'other' })).body.fields).toHaveProperty('name');
    const cleared = await ctx.admin.send<IdentityProviderView>('PATCH', `/admin/v1/identity-providers/${created.body.id}`, { client_secret: null, groups_claim: null });
    expect(cleared.body).toMatchObject({ secret_set: false, groups_claim: null, template: 'okta' });
    // A later change of another field keeps what was cleared.
    const again = await ctx.admin.send<IdentityProviderView>('PATCH', `/admin/v1/identity-providers/${created.body.id}`, { display_name: 'Okta again' });
    expect(again.body).toMatchObject({ display_name: 'Okta again', groups_claim: null, secret_set: false });
  });

  it('answers bad input with 400 naming the field, a taken name with 409', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ type: 'oidc', name: 'Bad Name', issuer: 'https://idp.example.com', client_id: 'x' }, 'name'],
      [{ type: 'oidc', name: 'plain-http', issuer: 'http://idp.example.com', client_id: 'x' }, 'issuer'],
      [{ type: 'oidc', name: 'wrong-shape', template: 'entra-id', issuer: 'https://idp.example.com', client_id: 'x' }, 'issuer'],
      [{ type: 'oidc', name: 'no-openid', issuer: 'https://idp.example.com', client_id: 'x', scopes: ['email'] }, 'scopes'],
      [{ type: 'oidc', name: 'unknown-group', issuer: 'https://idp.example.com', client_id: 'x', group_mapping: { a: 'no-such-group' } }, 'group_mapping'],
      [{ type: 'ldap', name: 'bad-url', url: 'http://dc1', user_base_dn: 'dc=x' }, 'url'],
      [{ type: 'ldap', name: 'no-placeholder', url: 'ldap://dc1:389', user_base_dn: 'dc=x', user_filter: '(uid=ada)' }, 'user_filter'],
      [{ type: 'saml', name: 'other' }, 'type'],
    ];
    for (const [body, field] of cases) {
      const response = await create(body);
      expect({ name: body.name, status: response.status, field: Object.keys(response.body.fields ?? {})[0] }).toEqual({ name: body.name, status: 400, field });
    }
    const taken = await create({ type: 'oidc', name: 'contoso', issuer: 'https://idp.example.com', client_id: 'x' });
    expect({ status: taken.status, fields: taken.body.fields }).toEqual({ status: 409, fields: { name: 'is taken' } });
    expect((await ctx.admin.send<ErrorBody>('POST', '/admin/v1/identity-providers', ['not', 'an', 'object'])).status).toBe(400);
  });

  it('stores the secret sealed under KEY_ENCRYPTION_SECRET, and deletes a provider', async () => {
    const created = await create({ type: 'oidc', name: 'sealed', issuer: 'https://idp.example.com', client_id: 'x', client_secret: 'plain text secret' });
    const rows: Array<{ secret: string }> = await ctx.server.app.get(DataSource).query('SELECT secret FROM identity_providers WHERE id = $1', [created.body.id]);
    expect(rows[0].secret.startsWith('enc:v1:')).toBe(true);
    expect(rows[0].secret).not.toContain('plain text secret');
    expect((await ctx.admin.send('DELETE', `/admin/v1/identity-providers/${created.body.id}`)).status).toBe(204);
    expect((await ctx.admin.get(`/admin/v1/identity-providers/${created.body.id}`)).status).toBe(404);
  });
});
