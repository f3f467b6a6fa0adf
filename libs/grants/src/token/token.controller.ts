import { Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthenticatedClient, ClientAuthGuard, ClientEntity } from '@app/clients';
import { InvalidRequest, Metrics, readFormBody } from '@app/core';
import { DpopProofs, NoStore } from '@app/tokens';
import { TokenResponse } from '../registry/grant-handler';
import { GrantRegistry } from '../registry/grant-registry';

/**
 * RFC 6749 §3.2: the shared checks once (form body, duplicates, client authentication in the guard, the
 * grant type known and allowed for the client in the registry), then the handler for the grant type.
 */
@Controller('oauth2')
export class TokenController {
  constructor(
    private readonly registry: GrantRegistry,
    private readonly dpop: DpopProofs,
    private readonly metrics: Metrics,
  ) {}

  @Post('token')
  @HttpCode(200)
  @NoStore()
  @UseGuards(ClientAuthGuard)
  async token(@Req() request: FastifyRequest, @AuthenticatedClient() client: ClientEntity): Promise<TokenResponse> {
    const params = readFormBody(request);
    if (!params.grant_type) throw new InvalidRequest('The grant_type parameter is required');
    const handler = this.registry.handlerFor(params.grant_type, client);
    const dpopJkt = await this.dpop.verify(request, { at: 'token', path: '/oauth2/token' });
    // RFC 9449 §5.2: a client registered with dpop_bound_access_tokens never gets an unbound token.
    if (!dpopJkt && client.dpopBoundAccessTokens) throw new InvalidRequest('This client must send a DPoP proof with its token requests');
    const response = await handler.handle(params, client, { dpopJkt });
    // The label is the registered grant type the registry just found, never free text from the request.
    this.metrics.tokenIssued(handler.grantType, client.isPublic ? 'public' : 'confidential');
    return response;
  }
}
