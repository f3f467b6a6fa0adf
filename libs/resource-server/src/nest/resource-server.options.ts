import type { InjectionToken, ModuleMetadata, OptionalFactoryDependency } from '@nestjs/common';
import type { TokenVerifierOptions } from '../options';

export interface ResourceServerModuleOptions extends TokenVerifierOptions {
  /** Realm named in WWW-Authenticate challenges. Default "api". */
  realm?: string;
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
