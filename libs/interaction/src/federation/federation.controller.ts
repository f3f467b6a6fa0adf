import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Page } from '../http/page.decorator';
import { pageQuery } from '../http/page-params';
import { seeOther } from '../http/see-other';
import { pageTranslator } from '../i18n/page-context';
import { FederationFlow } from './federation-flow.service';

/** `GET /federation/{name}/start?return_to=&login_hint=` goes to the upstream; `/callback` comes back from it. */
@Page()
@Controller('federation')
export class FederationController {
  constructor(private readonly flow: FederationFlow) {}

  @Get(':name/start')
  async start(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('name') name: string): Promise<void> {
    await seeOther(reply, await this.flow.start(request, reply, name, pageQuery(request, pageTranslator().t('login.invalidLink'))));
  }

  @Get(':name/callback')
  async callback(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('name') name: string): Promise<void> {
    await seeOther(reply, await this.flow.callback(request, reply, name, pageQuery(request, pageTranslator().t('federation.invalidResponse'))));
  }
}
