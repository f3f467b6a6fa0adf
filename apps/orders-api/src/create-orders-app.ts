import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ResourceServerModuleOptions } from '@meridian-auth/resource-server/nest';
import { registerBrowserCors } from './browser-cors';
import { type BackchannelLogoutSettings, OrdersApiModule } from './orders-api.module';

export interface OrdersAppOptions {
  /** Nest logging; tests pass false. */
  logger?: false;
  /** Receive back-channel logouts at POST /backchannel-logout for this client. */
  backchannelLogout?: BackchannelLogoutSettings;
  /** Browser origins allowed to call the API (CORS); none by default. */
  corsOrigins?: readonly string[];
}

/** Builds (but does not start) the example orders API; main.ts and the tests both use it. */
export async function createOrdersApp(
  resourceServer: ResourceServerModuleOptions,
  options: OrdersAppOptions = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(OrdersApiModule.forRoot(resourceServer, options.backchannelLogout), new FastifyAdapter(), {
    ...(options.logger === false ? { logger: false } : {}),
    abortOnError: false,
  });
  if (options.corsOrigins !== undefined && options.corsOrigins.length > 0) registerBrowserCors(app.getHttpAdapter().getInstance(), options.corsOrigins);
  return app;
}
