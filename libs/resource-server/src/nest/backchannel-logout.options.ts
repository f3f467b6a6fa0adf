import type { InjectionToken, ModuleMetadata, OptionalFactoryDependency } from '@nestjs/common';
import type { LogoutListener } from '../logout/backchannel-logout-handler';
import type { LogoutTokenVerifierOptions } from '../logout/logout-token-options';

export interface BackchannelLogoutModuleOptions extends LogoutTokenVerifierOptions {
  /**
   * Ends the application's own session(s): the one with `sid`, or every one of `sub` when `sid` is absent.
   * A throw answers 400 server_error and lets the provider retry with the same token.
   */
  onLogout: LogoutListener;
}

export interface BackchannelLogoutRoute {
  /** Route receiving the logout POSTs, i.e. the path of the client's backchannel_logout_uri. Default "backchannel-logout". */
  path?: string;
}

export interface BackchannelLogoutAsyncOptions extends BackchannelLogoutRoute, Pick<ModuleMetadata, 'imports'> {
  inject?: Array<InjectionToken | OptionalFactoryDependency>;
  useFactory: (...dependencies: never[]) => BackchannelLogoutModuleOptions | Promise<BackchannelLogoutModuleOptions>;
}
