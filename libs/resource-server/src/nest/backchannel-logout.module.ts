import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { LogoutTokenVerifier } from '../logout/logout-token-verifier';
import { backchannelLogoutController } from './backchannel-logout.controller';
import type { BackchannelLogoutAsyncOptions, BackchannelLogoutModuleOptions, BackchannelLogoutRoute } from './backchannel-logout.options';
import { BACKCHANNEL_LOGOUT_OPTIONS } from './constants';

const DEFAULT_PATH = 'backchannel-logout';

/**
 * Receives OpenID Connect Back-Channel Logout requests on one route and hands each verified logout to
 * `onLogout`. The LogoutTokenVerifier is built when the module is instantiated, so bad options stop startup.
 */
@Module({})
export class BackchannelLogoutModule {
  static register(options: BackchannelLogoutModuleOptions & BackchannelLogoutRoute): DynamicModule {
    const { path, ...moduleOptions } = options;
    return BackchannelLogoutModule.build(path, [{ provide: BACKCHANNEL_LOGOUT_OPTIONS, useValue: moduleOptions }], []);
  }

  static registerAsync(options: BackchannelLogoutAsyncOptions): DynamicModule {
    const optionsProvider: Provider = {
      provide: BACKCHANNEL_LOGOUT_OPTIONS,
      useFactory: (...dependencies: unknown[]) => options.useFactory(...(dependencies as never[])),
      inject: options.inject ?? [],
    };
    return BackchannelLogoutModule.build(options.path, [optionsProvider], options.imports ?? []);
  }

  private static build(
    path: string | undefined,
    optionProviders: Provider[],
    imports: NonNullable<BackchannelLogoutAsyncOptions['imports']>,
  ): DynamicModule {
    return {
      module: BackchannelLogoutModule,
      imports,
      controllers: [backchannelLogoutController(path ?? DEFAULT_PATH)],
      providers: [
        ...optionProviders,
        {
          provide: LogoutTokenVerifier,
          useFactory: (options: BackchannelLogoutModuleOptions) => new LogoutTokenVerifier(options),
          inject: [BACKCHANNEL_LOGOUT_OPTIONS],
        },
      ],
      exports: [LogoutTokenVerifier],
    };
  }
}
