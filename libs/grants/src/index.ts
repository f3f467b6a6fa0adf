export * from './codes/authorization-code.repository';
export * from './device';
export * from './discovery/server-metadata.service';
export * from './grants.module';
export * from './registry/grant-handler';
export * from './registry/grant-registry';
export * from './revocation/person-access.service';
export * from './revocation/access-ended-details';
export * from './pkce/pkce';
export * from './scopes/scope-policy';
export { userClaims } from './oidc/userinfo.service';
import { CreateAuthorization1764100002500 } from './migrations/1764100002500-create-authorization';
import { AuthorizationBindings1764100012000 } from './migrations/1764100012000-authorization-bindings';
import { AuthorizationRequestBrowser1764100014000 } from './migrations/1764100014000-authorization-request-browser';
import { PendingGrantIndexes1764100016600 } from './migrations/1764100016600-pending-grant-indexes';
import { AuthorizationRequestAcrValues1764100020050 } from './migrations/1764100020050-authorization-request-acr-values';
import { GrantAuthenticationLevel1764100020110 } from './migrations/1764100020110-grant-authentication-level';
import { AuthorizationRequestResponseShape1764100024000 } from './migrations/1764100024000-authorization-request-response-shape';
import { AuthorizationDpopJkt1764100026100 } from './migrations/1764100026100-authorization-dpop-jkt';
import { PushedAuthorizationRequests1764100027100 } from './migrations/1764100027100-pushed-authorization-requests';
import { AuthorizationRequestSwitchAccount1764400007300 } from './migrations/1764400007300-authorization-request-switch-account';
import { CreateDeviceAuthorizations1764100005000, DeviceAuthorizationEntity } from './device';

export const GRANTS_ENTITIES = [DeviceAuthorizationEntity];
export const GRANTS_MIGRATIONS = [CreateAuthorization1764100002500, CreateDeviceAuthorizations1764100005000, AuthorizationBindings1764100012000,
  AuthorizationRequestBrowser1764100014000, PendingGrantIndexes1764100016600, AuthorizationRequestAcrValues1764100020050,
  GrantAuthenticationLevel1764100020110, AuthorizationRequestResponseShape1764100024000,
  AuthorizationDpopJkt1764100026100, PushedAuthorizationRequests1764100027100, AuthorizationRequestSwitchAccount1764400007300];

/** Expired rows this lib's tables may drop (see HousekeepingService). */
export const GRANTS_PURGE_TASKS = [
  // Consumed codes stay a day, as long as tokens issued from them live, so a replay still revokes them.
  { table: 'authorization_codes', where: "expires_at < now() - interval '1 day'" },
  { table: 'device_authorizations', where: "expires_at < now() - interval '1 day'" },
  { table: 'pushed_authorization_requests', where: 'expires_at < now()' },
];
