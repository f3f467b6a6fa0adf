/** What the admin API lets its caller do (`GET /admin/v1/me`); the console shows only these. */
export type AdminPermission =
  | 'clients:read'
  | 'clients:write'
  | 'clients:create'
  | 'apis:read'
  | 'apis:write'
  | 'apis:create'
  | 'people:read'
  | 'people:write'
  | 'people:support'
  | 'groups:read'
  | 'groups:write'
  | 'keys:read'
  | 'keys:write'
  | 'audit:read'
  | 'devices:read'
  | 'devices:write'
  | 'providers:read'
  | 'providers:write'
  | 'logout-deliveries:read'
  | 'logout-deliveries:write'
  | 'config:read'
  | 'config:write';

export interface AdminMeView {
  sub: string;
  client_id: string;
  kind: 'person' | 'client';
  username?: string;
  /** The caller's administrator roles (admin, auditor, helpdesk, app-owner); empty for a client. */
  roles: string[];
  scopes: string[];
  permissions: AdminPermission[];
  /** For an app owner: client and API permissions reach only what their `owners` lists them in. */
  owned_only: AdminPermission[];
}
