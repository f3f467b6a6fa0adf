/** Injection token for the module options (a `ResourceServerModuleOptions` object). */
export const RESOURCE_SERVER_OPTIONS = Symbol('RESOURCE_SERVER_OPTIONS');

/** Route metadata written by `@RequireScopes()` and read by the guard. */
export const REQUIRED_SCOPES_METADATA = 'meridian-auth:resource-server:required-scopes';

/** Route metadata written by `@RequireAuthentication()`. */
export const REQUIRED_AUTHENTICATION_METADATA = 'meridian-auth:resource-server:required-authentication';

/** Route metadata written by `@Public()`. */
export const PUBLIC_ROUTE_METADATA = 'meridian-auth:resource-server:public';

/** Injection token for the back-channel logout options (a `BackchannelLogoutModuleOptions` object). */
export const BACKCHANNEL_LOGOUT_OPTIONS = Symbol('BACKCHANNEL_LOGOUT_OPTIONS');
