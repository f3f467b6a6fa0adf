import type { AdminApi } from '../support/admin';
import { request } from '../support/http';
import type { ServerFixture } from '../support/server-fixture';

export const OIDC_SECRET = 'upstream client secret 4f1c9a';
export const LDAP_PASSWORD = 'directory bind password 77e0';
export const ALICE = 'cfg-alice';

export interface Populated {
  webClientId: string;
  webSecret: string;
}

/** One of each kind of object the configuration holds, made through the admin API. */
export async function populate(admin: AdminApi): Promise<Populated> {
  const ok = async (method: string, path: string, body?: unknown) => {
    const response = await admin.send<Record<string, unknown>>(method, path, body);
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${response.text}`);
    return response.body;
  };
  const engineering = await ok('POST', '/admin/v1/groups', { name: 'engineering', description: 'Everyone who ships code', require_mfa: true });
  const platform = await ok('POST', '/admin/v1/groups', { name: 'engineering.platform' });
  await ok('PUT', `/admin/v1/groups/${String(engineering.id)}/members/${String(platform.id)}`);
  await ok('POST', '/admin/v1/users', { username: ALICE, password: 'alice password 0123', roles: ['auditor', 'app-owner'] });
  // The API first: a client may only hold scopes that the server or a registered API defines.
  const api = await ok('POST', '/admin/v1/apis', {
    identifier: 'https://orders.example.com/api',
    name: 'Orders API',
    scopes: [{ name: 'orders:read', description: 'Read orders' }, { name: 'orders:write' }],
    allowed_groups: ['engineering'],
  });
  const web = await ok('POST', '/admin/v1/clients', {
    client_name: 'Orders web',
    redirect_uris: ['https://orders.example.com/callback'],
    grant_types: ['authorization_code', 'refresh_token'],
    scope: 'openid profile orders:read',
    allowed_groups: ['engineering'],
    default_acr_values: ['mfa'],
    owners: [ALICE],
  });
  await ok('POST', '/admin/v1/clients', { client_name: 'Orders SPA', token_endpoint_auth_method: 'none', redirect_uris: ['https://spa.example.com/cb'] });
  await ok('PATCH', `/admin/v1/apis/${String(api.id)}`, { allowed_clients: [web.client_id] });
  await ok('POST', '/admin/v1/identity-providers', { type: 'oidc', name: 'contoso', issuer: 'https://login.contoso.example', client_id: 'meridian', client_secret: OIDC_SECRET, group_mapping: { 'abc-123': 'engineering' } });
  await ok('POST', '/admin/v1/identity-providers', { type: 'ldap', name: 'corp-ldap', url: 'ldap://ldap.corp.example:389', bind_dn: 'cn=reader,dc=corp', bind_password: LDAP_PASSWORD, user_base_dn: 'ou=people,dc=corp' });
  return { webClientId: String(web.client_id), webSecret: String(web.client_secret) };
}

/** The environment variable an export names for an application's secret. */
export function appSecretVariable(clientId: string): string {
  return `APP_${clientId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_SECRET`;
}

export async function exportYaml(ctx: ServerFixture): Promise<string> {
  const response = await request<string>(`${ctx.server.baseUrl}/admin/v1/config`, { headers: { ...ctx.admin.authorization, accept: 'application/yaml' } });
  if (response.status !== 200) throw new Error(`export: ${response.status} ${response.text}`);
  expect(response.headers.get('content-type')).toMatch(/^application\/yaml/);
  return response.text;
}

/** Sends a document as YAML text, as the admin API takes it. */
export function sendYaml(ctx: ServerFixture, path: string, yaml: string) {
  return request<{ changes: Array<{ action: string; kind: string; key: string; diff: Record<string, { before?: unknown; after?: unknown }> }>; kept: Array<{ kind: string; key: string }>; error?: string; error_description?: string; fields?: Record<string, string> }>(
    `${ctx.server.baseUrl}${path}`,
    { method: 'POST', headers: { ...ctx.admin.authorization, 'content-type': 'application/yaml' }, body: yaml },
  );
}

/** The references of an export with the values given: what the command line does from its environment. */
export function withSecrets(yaml: string, values: Record<string, string>): string {
  return yaml.replace(/\$\{env:([A-Z0-9_]+)\}/g, (reference, name: string) => (name in values ? JSON.stringify(values[name]) : reference));
}
