import { Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticatedClient, ClientAuthGuard, ClientEntity } from '@app/clients';
import { InvalidClient, InvalidRequest, readFormBody } from '@app/core';
import { NoStore } from '../no-store.decorator';
import { IntrospectionJwtService, INTROSPECTION_JWT_MEDIA_TYPE } from './introspection-jwt.service';
import { IntrospectionResponse, IntrospectionService } from './introspection.service';

/** The RFC 7662 introspection endpoint. */
@Controller('oauth2')
@UseGuards(ClientAuthGuard)
export class TokenIntrospectionController {
  constructor(
    private readonly introspection: IntrospectionService,
    private readonly introspectionJwt: IntrospectionJwtService,
  ) {}

  /** RFC 7662 §2.1 */
  @Post('introspect')
  @HttpCode(200)
  @NoStore()
  async introspect(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @AuthenticatedClient() client: ClientEntity,
  ): Promise<IntrospectionResponse | string> {
    // RFC 7662 §4: callers must really authenticate; a public client proves nothing.
    if (client.isPublic) throw new InvalidClient('Introspection requires client credentials');
    const params = readFormBody(request);
    if (!params.token) throw new InvalidRequest('The token parameter is required');
    const response = await this.introspection.introspect(params.token, client, params.token_type_hint);
    if (!this.introspectionJwt.wants(request.headers.accept)) return response;
    void reply.type(INTROSPECTION_JWT_MEDIA_TYPE);
    return this.introspectionJwt.sign(response, client);
  }
}
