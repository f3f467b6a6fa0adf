import { Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthenticatedClient, ClientAuthGuard, ClientEntity } from '@app/clients';
import { InvalidRequest, readFormBody, UnauthorizedClient } from '@app/core';
import { NoStore } from '@app/tokens';
import { TokenResponse } from '../registry/grant-handler';
import { GrantRegistry } from '../registry/grant-registry';

/**
 * RFC 6749 §3.2: the shared checks once (form body, duplicates, client authentication in the guard), then
 * the handler for the grant type.
 */
@Controller('oauth2')
export class TokenController {
  constructor(private readonly registry: GrantRegistry) {}

  @Post('token')
  @HttpCode(200)
  @NoStore()
  @UseGuards(ClientAuthGuard)
  async token(@Req() request: FastifyRequest, @AuthenticatedClient() client: ClientEntity): Promise<TokenResponse> {
    const params = readFormBody(request);
    if (!params.grant_type) throw new InvalidRequest('The grant_type parameter is required');
    const handler = this.registry.get(params.grant_type);
    // RFC 6749 §5.2: a client not registered for this grant type is unauthorized_client.
    if (!client.grantTypes.includes(handler.grantType)) {
      throw new UnauthorizedClient(`This client may not use the ${handler.grantType} grant`);
    }
    return handler.handle(params, client);
  }
}
