export { BearerAuthException } from './bearer-auth.exception';
export { BearerAuthGuard } from './bearer-auth.guard';
export { BACKCHANNEL_LOGOUT_OPTIONS, PUBLIC_ROUTE_METADATA, REQUIRED_AUTHENTICATION_METADATA, REQUIRED_SCOPES_METADATA, RESOURCE_SERVER_OPTIONS } from './constants';
export { Public, RequireAuthentication, RequireScopes, type RequestWithAuth, TokenClaims, VerifiedAccessToken } from './decorators';
export { ResourceServerModule } from './resource-server.module';
export { protectedResourceController } from './protected-resource.controller';
export type {
  ResourceServerAsyncOptions,
  ResourceServerModuleOptions,
  ResourceServerRegistration,
} from './resource-server.options';
export { BackchannelLogoutModule } from './backchannel-logout.module';
export type { BackchannelLogoutAsyncOptions, BackchannelLogoutModuleOptions, BackchannelLogoutRoute } from './backchannel-logout.options';
