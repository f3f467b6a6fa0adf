import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TokenVerifier } from '../verifier';
import { BearerAuthGuard } from './bearer-auth.guard';
import { protectedResourceController } from './protected-resource.controller';
import { RESOURCE_SERVER_OPTIONS } from './constants';
import type {
  ResourceServerAsyncOptions,
  ResourceServerModuleOptions,
  ResourceServerRegistration,
} from './resource-server.options';

/**
 * Provides a TokenVerifier and BearerAuthGuard application-wide. Options are validated when the
 * module is instantiated, so a misconfiguration stops the application at startup.
 */
@Module({})
export class ResourceServerModule {
  static forRoot(options: ResourceServerModuleOptions & ResourceServerRegistration): DynamicModule {
    const { globalGuard, ...moduleOptions } = options;
    // RFC 9728: the metadata route's path follows from the resource, known here for forRoot only.
    const controllers = moduleOptions.protectedResource === undefined ? [] : [protectedResourceController(moduleOptions)];
    return ResourceServerModule.build([{ provide: RESOURCE_SERVER_OPTIONS, useValue: moduleOptions }], globalGuard, [], controllers);
  }

  static forRootAsync(options: ResourceServerAsyncOptions): DynamicModule {
    const optionsProvider: Provider = {
      provide: RESOURCE_SERVER_OPTIONS,
      useFactory: (...dependencies: unknown[]) => options.useFactory(...(dependencies as never[])),
      inject: options.inject ?? [],
    };
    return ResourceServerModule.build([optionsProvider], options.globalGuard, options.imports ?? [], []);
  }

  private static build(
    optionProviders: Provider[],
    globalGuard: boolean | undefined,
    imports: NonNullable<ResourceServerAsyncOptions['imports']>,
    controllers: NonNullable<DynamicModule['controllers']>,
  ): DynamicModule {
    const providers: Provider[] = [
      ...optionProviders,
      {
        provide: TokenVerifier,
        useFactory: (options: ResourceServerModuleOptions) => new TokenVerifier(options),
        inject: [RESOURCE_SERVER_OPTIONS],
      },
      BearerAuthGuard,
    ];
    if (globalGuard ?? true) providers.push({ provide: APP_GUARD, useExisting: BearerAuthGuard });
    return {
      module: ResourceServerModule,
      global: true,
      imports,
      controllers,
      providers,
      exports: [RESOURCE_SERVER_OPTIONS, TokenVerifier, BearerAuthGuard],
    };
  }
}
