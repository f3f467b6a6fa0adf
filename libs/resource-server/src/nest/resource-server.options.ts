import type { InjectionToken, ModuleMetadata, OptionalFactoryDependency } from '@nestjs/common';
import type { TokenVerifierOptions } from '../options';
import type { ProtectedResourceOptions } from '../protected-resource-metadata';

export interface ResourceServerModuleOptions extends TokenVerifierOptions {
  /** Realm named in WWW-Authenticate challenges. Default "api". */
  realm?: string;
  /**
   * RFC 9728: serve this API's metadata at `/.well-known/oauth-protected-resource` (plus the resource's
   * path) and name it in every challenge, so clients find the authorization server from a 401.
   * `forRoot` adds the route; with `forRootAsync`, add `protectedResourceController(options)` to a module.
   */
  protectedResource?: ProtectedResourceOptions;
}

export interface ResourceServerRegistration {
  /**
   * Register BearerAuthGuard as a global guard (APP_GUARD), so every route needs a token unless it
   * is marked `@Public()`. Default true; set false to apply `@UseGuards(BearerAuthGuard)` yourself.
   */
  globalGuard?: boolean;
}

export interface ResourceServerAsyncOptions extends ResourceServerRegistration, Pick<ModuleMetadata, 'imports'> {
  inject?: Array<InjectionToken | OptionalFactoryDependency>;
  useFactory: (...dependencies: never[]) => ResourceServerModuleOptions | Promise<ResourceServerModuleOptions>;
}
