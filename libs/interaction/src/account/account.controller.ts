import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@app/core';
import { UserService } from '@app/users';
import { Page } from '../http/page.decorator';
import { Mailer } from '../mail/mailer.service';
import { pageHeaders } from '../http/page-headers';
import { pageQuery } from '../http/page-params';
import { AccountAccess } from './account-access';
import { noticeFor } from './account-notices';
import { renderOverviewPage } from './overview-page';

/** The self-service account page: who is signed in, and links to each part of the account. */
@Page()
@Controller('account')
export class AccountController {
  constructor(
    private readonly access: AccountAccess,
    private readonly users: UserService,
    private readonly config: AppConfig,
    private readonly mailer: Mailer,
  ) {}

  @Get()
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = pageQuery(request);
    const session = await this.access.signedIn(request, reply);
    if (!session) return;
    const user = await this.users.get(session.userId);
    const page = renderOverviewPage({
      pathPrefix: this.config.pathPrefix,
      notice: noticeFor(query.done),
      username: user.username,
      name: user.name,
      email: user.email,
      emailVerified: user.emailVerified,
      verificationCsrfToken: this.mailer.enabled && user.email && !user.emailVerified ? this.access.csrfToken(request, reply) : undefined,
    });
    await reply.status(200).headers(pageHeaders()).send(page);
  }
}
