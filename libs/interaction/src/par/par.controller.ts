import { Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthenticatedClient, ClientAuthGuard, ClientEntity } from '@app/clients';
import { readFormBody } from '@app/core';
import { NoStore } from '@app/tokens';
import { PushedRequestService } from './pushed-request.service';

/** RFC 9126 §2.2 success response. */
export interface PushedAuthorizationResponse {
  request_uri: string;
  expires_in: number;
}

/**
 * RFC 9126 §2: the pushed authorization request endpoint. The client authenticates as at the token
 * endpoint (the same guard); errors are JSON (§2.3), never a redirect.
 */
@Controller('oauth2')
export class ParController {
  constructor(private readonly pushed: PushedRequestService) {}

  @Post('par')
  @HttpCode(201)
  @NoStore()
  @UseGuards(ClientAuthGuard)
  push(@Req() request: FastifyRequest, @AuthenticatedClient() client: ClientEntity): Promise<PushedAuthorizationResponse> {
    return this.pushed.push(readFormBody(request), client);
  }
}
