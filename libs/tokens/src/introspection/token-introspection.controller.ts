import { Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthenticatedClient, ClientAuthGuard, ClientEntity } from '@app/clients';
import { InvalidClient, InvalidRequest, readFormBody } from '@app/core';
import { NoStore } from '../no-store.decorator';
import { IntrospectionResponse, IntrospectionService } from './introspection.service';
import { RevocationService } from '../revocation/revocation.service';

@Controller('oauth2')
@UseGuards(ClientAuthGuard)
export class TokenIntrospectionController {
  constructor(
    private readonly introspection: IntrospectionService,
    private readonly revocation: RevocationService,
  ) {}

  /** RFC 7662 §2.1 */
  @Post('introspect')
  @HttpCode(200)
  @NoStore()
  async introspect(@Req() request: FastifyRequest, @AuthenticatedClient() client: ClientEntity): Promise<IntrospectionResponse> {
    // RFC 7662 §4: callers must really authenticate; a public client proves nothing.
    if (client.isPublic) throw new InvalidClient('Introspection requires client credentials');
    const params = readFormBody(request);
    if (!params.token) throw new InvalidRequest('The token parameter is required');
    return this.introspection.introspect(params.token, client, params.token_type_hint);
  }

  /** RFC 7009 §2.1 */
  @Post('revoke')
  @HttpCode(200)
  @NoStore()
  async revoke(@Req() request: FastifyRequest, @AuthenticatedClient() client: ClientEntity): Promise<Record<string, never>> {
    const params = readFormBody(request);
    if (!params.token) throw new InvalidRequest('The token parameter is required');
    await this.revocation.revoke(params.token, client, params.token_type_hint);
    return {};
  }
}
