import { Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { NoStore } from '@app/tokens';
import { readBearerToken } from './bearer-token';
import { UserinfoService } from './userinfo.service';

/** OIDC Core §5.3: GET and POST, bearer access token with scope openid. */
@Controller('oauth2/userinfo')
export class UserinfoController {
  constructor(private readonly userinfo: UserinfoService) {}

  @Get()
  @NoStore()
  get(@Req() request: FastifyRequest): Promise<Record<string, unknown>> {
    return this.userinfo.claims(readBearerToken(request, 'userinfo'));
  }

  @Post()
  @HttpCode(200)
  @NoStore()
  post(@Req() request: FastifyRequest): Promise<Record<string, unknown>> {
    return this.userinfo.claims(readBearerToken(request, 'userinfo'));
  }
}
