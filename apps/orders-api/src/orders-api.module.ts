import { type DynamicModule, Module } from '@nestjs/common';
import type { LogoutEvent } from '@meridian-auth/resource-server';
import { BackchannelLogoutModule, ResourceServerModule, type ResourceServerModuleOptions } from '@meridian-auth/resource-server/nest';
import { EndedSessionGuard } from './ended-session.guard';
import { EndedSessions } from './ended-sessions';
import { OrdersController } from './orders.controller';

export interface BackchannelLogoutSettings {
  /** The client whose sign-ins this backend serves: the `aud` of the logout tokens it receives. */
  clientId: string;
}

/** RFC 9728: what MCP clients and other tools learn at /.well-known/oauth-protected-resource; the resource is the AUDIENCE. */
const ORDERS_RESOURCE = { resourceName: 'Orders API', scopesSupported: ['orders:read', 'orders:write'] };

@Module({ providers: [EndedSessions, EndedSessionGuard], exports: [EndedSessions, EndedSessionGuard] })
export class EndedSessionsModule {}

/**
 * The whole protection: one module import. Options are the SDK's (issuer, audience, mode, ...). With
 * `backchannelLogout`, `POST /backchannel-logout` receives the provider's logout tokens.
 */
@Module({})
export class OrdersApiModule {
  static forRoot(resourceServer: ResourceServerModuleOptions, backchannelLogout?: BackchannelLogoutSettings): DynamicModule {
    const imports: DynamicModule['imports'] = [ResourceServerModule.forRoot({ realm: 'orders', protectedResource: ORDERS_RESOURCE, ...resourceServer }), EndedSessionsModule];
    if (backchannelLogout !== undefined) imports.push(OrdersApiModule.backchannelLogout(resourceServer, backchannelLogout));
    return { module: OrdersApiModule, imports, controllers: [OrdersController] };
  }

  private static backchannelLogout(resourceServer: ResourceServerModuleOptions, settings: BackchannelLogoutSettings): DynamicModule {
    // The logout tokens come from the same provider as the access tokens: same issuer, keys, fetch and clock.
    const { issuer, jwksUri, algorithms, clockToleranceSeconds, httpTimeoutMs, allowInsecureHttp, fetch, now } = resourceServer;
    return BackchannelLogoutModule.registerAsync({
      path: 'backchannel-logout',
      imports: [EndedSessionsModule],
      inject: [EndedSessions],
      useFactory: (endedSessions: EndedSessions) => ({
        issuer,
        jwksUri,
        algorithms,
        clockToleranceSeconds,
        httpTimeoutMs,
        allowInsecureHttp,
        fetch,
        now,
        clientId: settings.clientId,
        onLogout: (event: LogoutEvent) => endedSessions.end(event),
      }),
    });
  }
}
