import { Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthenticatedClient, ClientAuthGuard, ClientEntity } from '@app/clients';
import { InvalidRequest, readFormBody } from '@app/core';
import { NoStore } from '../no-store.decorator';
import { RevocationService } from './revocation.service';

/** The RFC 7009 revocation endpoint; what revoking means lives in RevocationService. */
@Controller('oauth2')
@UseGuards(ClientAuthGuard)
export class TokenRevocationController {
  constructor(private readonly revocation: RevocationService) {}

  /** RFC 7009 §2.1; §2.2: the answer is 200 whether or not the token was known. */
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
