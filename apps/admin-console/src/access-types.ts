/**
 * Admin API shapes for groups, per-app access and admin roles (issue 13's contract). They live here until
 * the shared contracts lib carries them; each matches the contract's wire names exactly.
 */
import type { ApiView, ClientView } from '@app/contracts';

/** The admin permissions `GET /admin/v1/me` can list; for an app-owner the clients/apis ones mean "the ones I own". */
export type Permission =
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
  | 'devices:write';

/** `GET /admin/v1/me`: who is calling and what they may do. */
export interface MeView {
  sub: string;
  client_id: string;
  kind: 'person' | 'client';
  username?: string;
  roles: string[];
  scopes: string[];
  permissions: string[];
}

export interface GroupView {
  id: string;
  name: string;
  description: string;
  created_at: string;
  updated_at: string;
}

export type GroupMemberView = { type: 'user'; id: string; username: string; name: string | null } | { type: 'group'; id: string; name: string };

/** One entry of `GET /admin/v1/users/{id}/groups`: `via` names the direct groups the membership comes through. */
export interface PersonGroupView {
  id: string;
  name: string;
  description: string;
  direct: boolean;
  via: string[];
}

/** One entry of `GET /admin/v1/users/{id}/access`: an app the person may sign in to, and why. */
export interface PersonAppView {
  client_id: string;
  client_name: string;
  everyone: boolean;
  via: string[];
}

/** `GET /admin/v1/clients/{id}/access`: who can sign in to an app and through which groups. */
export interface ClientAccessView {
  everyone: boolean;
  allowed_groups: string[];
  people?: { id: string; username: string; name: string | null; via: string[] }[];
}

/** What a client carries about who may use it; empty `allowed_groups` means everyone. */
export interface ClientAccessFields {
  allowed_groups: string[];
  groups_claim_filter: string[];
  owners: string[];
}

/** What an API carries about who may use it; empty lists mean every person / any client. */
export interface ApiAccessFields {
  allowed_groups: string[];
  allowed_clients: string[];
  owners: string[];
}

export type ClientWithAccess = ClientView & ClientAccessFields;
export type ApiWithAccess = ApiView & ApiAccessFields;

/** The 409 body of `DELETE /admin/v1/groups/{id}` while apps or APIs still name the group. */
export interface GroupInUse {
  error: 'conflict';
  error_description?: string;
  clients?: string[];
  apis?: string[];
}
