import { Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { NoStore } from '@app/tokens';
import { AccessTokenPresentation } from './access-token-presentation';
import { UserinfoService } from './userinfo.service';

const USERINFO_PATH = '/oauth2/userinfo';

/** OIDC Core §5.3: GET and POST, bearer access token with scope openid. */
@Controller('oauth2/userinfo')
export class UserinfoController {
  constructor(
    private readonly userinfo: UserinfoService,
    private readonly presentation: AccessTokenPresentation,
  ) {}

  @Get()
  @NoStore()
  async get(@Req() request: FastifyRequest): Promise<Record<string, unknown>> {
    return this.userinfo.claims(await this.presentation.read(request, USERINFO_PATH, 'userinfo'));
  }

  @Post()
  @HttpCode(200)
  @NoStore()
  async post(@Req() request: FastifyRequest): Promise<Record<string, unknown>> {
    return this.userinfo.claims(await this.presentation.read(request, USERINFO_PATH, 'userinfo'));
  }
}
