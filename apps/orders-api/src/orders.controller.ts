import { Body, Controller, Get, NotFoundException, Param, ParseIntPipe, Post, UseGuards } from '@nestjs/common';
import { Public, RequireAuthentication, RequireScopes, TokenClaims } from '@meridian-auth/resource-server/nest';
import { EndedSessionGuard } from './ended-session.guard';

interface Order {
  id: number;
  item: string;
  placedBy: string | undefined;
  refundedBy?: string;
}

interface Caller {
  sub: string | undefined;
  client_id: string | undefined;
}

/**
 * Every route needs a valid access token for this API (the module registers the guard globally);
 * the decorators only say which scopes each route needs, and for refunds how the person must have signed
 * in. A token from a session ended by back-channel logout is refused (EndedSessionGuard). Orders live in
 * memory: this is an example.
 */
@Controller()
@UseGuards(EndedSessionGuard)
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

  /**
   * Money leaves: the person behind the token must have signed in with a second factor (or a passkey), in
   * the last 15 minutes. A weaker token gets 401 insufficient_user_authentication (RFC 9470) naming both.
   */
  @Post('orders/:id/refund')
  @RequireScopes('orders:write')
  @RequireAuthentication({ acr: ['mfa'], maxAge: 900 })
  refund(@Param('id', ParseIntPipe) id: number, @TokenClaims('sub') sub: string | undefined, @TokenClaims('acr') acr: string | undefined): { order: Order; acr: string | undefined } {
    const order = this.orders.find((candidate) => candidate.id === id);
    if (!order) throw new NotFoundException(`No order ${id}`);
    order.refundedBy = sub;
    return { order, acr };
  }
}
