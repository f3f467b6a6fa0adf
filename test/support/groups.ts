import { randomBytes } from 'node:crypto';
import { AdminApi } from './admin';

/** A group name no other test of the file uses: `prefix` then a random suffix (scope-token-like). */
export function uniqueGroupName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

/** Creates a group through the admin API and returns its id. */
export async function createGroup(admin: AdminApi, name: string): Promise<string> {
  const response = await admin.send<{ id: string }>('POST', '/admin/v1/groups', { name });
  if (response.status !== 201) throw new Error(`create group ${name}: ${response.status} ${response.text}`);
  return response.body.id;
}

/** Puts a person, or another group (which then brings its members along), in a group. */
export async function putInGroup(admin: AdminApi, groupId: string, memberId: string): Promise<void> {
  const response = await admin.send('PUT', `/admin/v1/groups/${groupId}/members/${memberId}`);
  if (response.status !== 204) throw new Error(`put ${memberId} in group ${groupId}: ${response.status} ${response.text}`);
}

export async function takeOutOfGroup(admin: AdminApi, groupId: string, memberId: string): Promise<void> {
  const response = await admin.send('DELETE', `/admin/v1/groups/${groupId}/members/${memberId}`);
  if (response.status !== 204) throw new Error(`take ${memberId} out of group ${groupId}: ${response.status} ${response.text}`);
}

/** Changes a client's metadata (allowed_groups, groups_claim_filter...) and fails the test when refused. */
export async function patchClient(admin: AdminApi, clientId: string, metadata: Record<string, unknown>): Promise<void> {
  const response = await admin.send('PATCH', `/admin/v1/clients/${encodeURIComponent(clientId)}`, metadata);
  if (response.status !== 200) throw new Error(`patch client ${clientId}: ${response.status} ${response.text}`);
}

/** Registers an API (RFC 8707 resource) and returns its id and introspection credentials. */
export async function registerApi(
  admin: AdminApi,
  api: Record<string, unknown>,
): Promise<{ id: string; client_id: string; client_secret: string }> {
  const response = await admin.send<{ id: string; client_id: string; client_secret: string }>('POST', '/admin/v1/apis', api);
  if (response.status !== 201) throw new Error(`register API: ${response.status} ${response.text}`);
  return response.body;
}
