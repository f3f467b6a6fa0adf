import { type DynamicModule, Module } from '@nestjs/common';
import { ResourceServerModule, type ResourceServerModuleOptions } from '@meridian-auth/resource-server/nest';
import { OrdersController } from './orders.controller';

/** The whole protection: one module import. Options are the SDK's (issuer, audience, mode, ...). */
@Module({})
export class OrdersApiModule {
  static forRoot(resourceServer: ResourceServerModuleOptions): DynamicModule {
    return {
      module: OrdersApiModule,
      imports: [ResourceServerModule.forRoot({ realm: 'orders', ...resourceServer })],
      controllers: [OrdersController],
    };
  }
}
