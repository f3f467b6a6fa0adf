import { ExecutionContext, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { AdminPermission } from '@app/contracts';

/** How one admin route is authorized. */
export interface AdminRouteRule {
  /** The permission the route needs; null: any administrator may call it (who am I). */
  permission: AdminPermission | null;
  /**
   * An app owner reaches the route only for what they own: `client` or `api` names the route parameter
   * holding the client's or API's id (anything else answers 404, as if it did not exist); `list` cuts a
   * list down to theirs.
   */
  owned?: { client: string } | { api: string } | 'list';
  /** The route may also be used with this permission when the body changes only these fields. */
  alternative?: { permission: AdminPermission; onlyFields: readonly string[] };
  /** The route acts on the person of this parameter: the caller must hold every admin role they hold. */
  targetPerson?: string;
  /** The body's `roles` may hand out only admin roles the caller holds. */
  grantsRoles?: boolean;
}

const ownClient = { client: 'clientId' } as const;
const ownApi = { api: 'id' } as const;
const person = 'id';

/**
 * Every admin API route and who may call it, in one place. A route missing here is refused to everyone
 * (and the route-by-route test fails), so a new route cannot ship open by accident.
 */
export const ADMIN_ROUTES: Readonly<Record<string, AdminRouteRule>> = {
  'GET /admin/v1/me': { permission: null },

  'POST /admin/v1/clients': { permission: 'clients:create' },
  'GET /admin/v1/clients': { permission: 'clients:read', owned: 'list' },
  'GET /admin/v1/clients/:clientId': { permission: 'clients:read', owned: ownClient },
  'GET /admin/v1/clients/:clientId/access': { permission: 'clients:read', owned: ownClient },
  'PUT /admin/v1/clients/:clientId': { permission: 'clients:write', owned: ownClient },
  'PATCH /admin/v1/clients/:clientId': { permission: 'clients:write', owned: ownClient },
  'DELETE /admin/v1/clients/:clientId': { permission: 'clients:write', owned: ownClient },
  'POST /admin/v1/clients/:clientId/secret': { permission: 'clients:write', owned: ownClient },

  'POST /admin/v1/apis': { permission: 'apis:create' },
  'GET /admin/v1/apis': { permission: 'apis:read', owned: 'list' },
  'GET /admin/v1/apis/:id': { permission: 'apis:read', owned: ownApi },
  'GET /admin/v1/apis/:id/clients': { permission: 'apis:read', owned: ownApi },
  'PATCH /admin/v1/apis/:id': { permission: 'apis:write', owned: ownApi },
  'DELETE /admin/v1/apis/:id': { permission: 'apis:write', owned: ownApi },
  'POST /admin/v1/apis/:id/secret': { permission: 'apis:write', owned: ownApi },

  'POST /admin/v1/users': { permission: 'people:write', grantsRoles: true },
  'GET /admin/v1/users': { permission: 'people:read' },
  'GET /admin/v1/users/:id': { permission: 'people:read' },
  'PATCH /admin/v1/users/:id': { permission: 'people:write', alternative: { permission: 'people:support', onlyFields: ['disabled'] }, targetPerson: person, grantsRoles: true },
  'DELETE /admin/v1/users/:id': { permission: 'people:write', targetPerson: person },
  'POST /admin/v1/users/:id/password': { permission: 'people:support', targetPerson: person },
  'POST /admin/v1/users/:id/unlock': { permission: 'people:support', targetPerson: person },
  'GET /admin/v1/users/:id/factors': { permission: 'people:read' },
  'DELETE /admin/v1/users/:id/factors': { permission: 'people:support', targetPerson: person },
  'DELETE /admin/v1/users/:id/factors/:factorId': { permission: 'people:support', targetPerson: person },
  'GET /admin/v1/users/:id/sessions': { permission: 'people:read' },
  'DELETE /admin/v1/users/:id/sessions': { permission: 'people:support', targetPerson: person },
  'DELETE /admin/v1/users/:id/sessions/:sid': { permission: 'people:support', targetPerson: person },
  'GET /admin/v1/users/:id/groups': { permission: 'people:read' },
  'GET /admin/v1/users/:id/access': { permission: 'people:read' },
  'GET /admin/v1/users/:id/consents': { permission: 'people:read' },
  'DELETE /admin/v1/users/:id/consents': { permission: 'people:write', targetPerson: person },
  'DELETE /admin/v1/users/:id/consents/:clientId': { permission: 'people:write', targetPerson: person },

  'POST /admin/v1/groups': { permission: 'groups:write' },
  'GET /admin/v1/groups': { permission: 'groups:read' },
  'GET /admin/v1/groups/:id': { permission: 'groups:read' },
  'PATCH /admin/v1/groups/:id': { permission: 'groups:write' },
  'DELETE /admin/v1/groups/:id': { permission: 'groups:write' },
  'GET /admin/v1/groups/:id/members': { permission: 'groups:read' },
  'PUT /admin/v1/groups/:id/members/:memberId': { permission: 'groups:write' },
  'DELETE /admin/v1/groups/:id/members/:memberId': { permission: 'groups:write' },

  'GET /admin/v1/keys': { permission: 'keys:read' },
  'POST /admin/v1/keys/rotate': { permission: 'keys:write' },

  'GET /admin/v1/events': { permission: 'audit:read' },

  'POST /admin/v1/identity-providers': { permission: 'providers:write' },
  'GET /admin/v1/identity-providers': { permission: 'providers:read' },
  'GET /admin/v1/identity-providers/:id': { permission: 'providers:read' },
  'PATCH /admin/v1/identity-providers/:id': { permission: 'providers:write' },
  'DELETE /admin/v1/identity-providers/:id': { permission: 'providers:write' },

  'GET /admin/v1/device-authorizations': { permission: 'devices:read' },
  'POST /admin/v1/device-authorizations/:id/deny': { permission: 'devices:write' },

  'GET /admin/v1/logout-deliveries': { permission: 'logout-deliveries:read' },
  'POST /admin/v1/logout-deliveries/:id/retry': { permission: 'logout-deliveries:write' },

  'GET /admin/v1/config': { permission: 'config:read' },
  // Plan compares the secrets sent with the stored ones: the same right as apply, so it is no guessing oracle.
  'POST /admin/v1/config/plan': { permission: 'config:write' },
  'POST /admin/v1/config/apply': { permission: 'config:write' },

  // The pages' look is configuration: the same rights as the configuration document.
  'GET /admin/v1/branding': { permission: 'config:read' },
  'PUT /admin/v1/branding': { permission: 'config:write' },
  'DELETE /admin/v1/branding': { permission: 'config:write' },
};

/**
 * `METHOD /admin/v1/...` of the handler about to run, from the controller's and handler's own route
 * metadata: the same whatever issuer path prefixes the URL.
 */
export function routeKeyOf(context: ExecutionContext): string {
  const base = String(Reflect.getMetadata(PATH_METADATA, context.getClass()) ?? '');
  const path = String(Reflect.getMetadata(PATH_METADATA, context.getHandler()) ?? '');
  const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, context.getHandler()) as RequestMethod];
  return `${method} /${[base, path].map((part) => part.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
}
