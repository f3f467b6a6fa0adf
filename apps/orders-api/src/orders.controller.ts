import { Body, Controller, Get, Post } from '@nestjs/common';
import { Public, RequireScopes, TokenClaims } from '@meridian-auth/resource-server/nest';

interface Order {
  id: number;
  item: string;
  placedBy: string | undefined;
}

interface Caller {
  sub: string | undefined;
  client_id: string | undefined;
}

/**
 * Every route needs a valid access token for this API (the module registers the guard globally);
 * the decorators only say which scopes each route needs. Orders live in memory: this is an example.
 */
@Controller()
export class OrdersController {
  private readonly orders: Order[] = [];

  @Get('health')
  @Public()
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('orders')
  @RequireScopes('orders:read')
  list(@TokenClaims('sub') sub: string | undefined, @TokenClaims('client_id') clientId: string | undefined): { caller: Caller; orders: Order[] } {
    return { caller: { sub, client_id: clientId }, orders: this.orders };
  }

  @Post('orders')
  @RequireScopes('orders:write')
  create(
    @TokenClaims('sub') sub: string | undefined,
    @TokenClaims('client_id') clientId: string | undefined,
    @Body() body: { item?: unknown } | undefined,
  ): { caller: Caller; order: Order } {
    const order = { id: this.orders.length + 1, item: typeof body?.item === 'string' ? body.item : 'unnamed', placedBy: sub };
    this.orders.push(order);
    return { caller: { sub, client_id: clientId }, order };
  }
}
