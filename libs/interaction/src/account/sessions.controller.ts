import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@app/core';
import { SessionDetails } from '@app/users';
import { Page } from '../http/page.decorator';
import { FormRejected } from '../http/page-errors';
import { pageHeaders } from '../http/page-headers';
import { pageForm, pageQuery } from '../http/page-params';
import { pageTranslator } from '../i18n/page-context';
import { AccountAccess } from './account-access';
import { noticeFor } from './account-notices';
import { AccountSessions } from './account-sessions.service';
import { renderSessionsPage } from './sessions-page';

/** The person's sessions and devices: end one, or every one but this browser's. */
@Page()
@Controller('account/sessions')
export class SessionsController {
  constructor(
    private readonly access: AccountAccess,
    private readonly sessions: AccountSessions,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = pageQuery(request);
    const session = await this.access.signedIn(request, reply, '/sessions');
    if (session) await this.render(request, reply, session, { notice: noticeFor(query.done) });
  }

  @Post('end')
  async endOne(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = pageForm(request);
    this.access.assertOwnForm(request, form.csrf_token);
    const session = await this.access.signedIn(request, reply, '/sessions');
    if (!session) return;
    if (!(await this.sessions.endOne(session, form.session_id))) {
      const message = pageTranslator().t('account.sessions.notFound');
      throw new FormRejected(message, (request, reply) => this.render(request, reply, session, { error: message, status: 404 }));
    }
    await this.access.record(request, session, 'account.session_ended', { type: 'session', id: form.session_id! });
    await this.access.done(reply, '/sessions', 'session-ended');
  }

  @Post('end-others')
  async endOthers(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = pageForm(request);
    this.access.assertOwnForm(request, form.csrf_token);
    const session = await this.access.signedIn(request, reply, '/sessions');
    if (!session) return;
    const ended = await this.sessions.endOthers(session);
    await this.access.record(request, session, 'account.other_sessions_ended', { type: 'user', id: session.userId }, { sessions_ended: ended });
    await this.access.done(reply, '/sessions', 'other-sessions-ended');
  }

  private async render(request: FastifyRequest, reply: FastifyReply, session: SessionDetails, state: { notice?: string; error?: string; status?: number }): Promise<void> {
    const page = renderSessionsPage({
      pathPrefix: this.config.pathPrefix,
      csrfToken: this.access.csrfToken(request, reply),
      sessions: await this.sessions.list(session),
      notice: state.notice,
      error: state.error,
    });
    await reply.status(state.status ?? 200).headers(pageHeaders()).send(page);
  }
}
