import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, InvalidRequest } from '@app/core';
import { PersonAccessService } from '@app/grants';
import { SessionDetails, UserService } from '@app/users';
import { Page } from '../http/page.decorator';
import { FormRejected } from '../http/page-errors';
import { pageHeaders } from '../http/page-headers';
import { pageForm, pageQuery } from '../http/page-params';
import { pageTranslator } from '../i18n/page-context';
import { AccountAccess } from './account-access';
import { noticeFor } from './account-notices';
import { passwordProblem } from './password-problem';
import { renderPasswordPage } from './password-page';

/** Changing one's own password: the current one is required, and every other session and token ends. */
@Page()
@Controller('account/password')
export class PasswordController {
  constructor(
    private readonly access: AccountAccess,
    private readonly users: UserService,
    private readonly personAccess: PersonAccessService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = pageQuery(request);
    if (!(await this.access.signedIn(request, reply, '/password'))) return;
    await this.render(request, reply, { notice: noticeFor(query.done) });
  }

  @Post()
  async change(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = pageForm(request);
    this.access.assertOwnForm(request, form.csrf_token);
    const session = await this.access.signedIn(request, reply, '/password');
    if (!session) return;
    const next = form.new_password ?? '';
    if (next !== form.new_password_confirmation) throw this.refused(pageTranslator().t('account.password.differ'));
    try {
      await this.users.changePassword(session.userId, form.current_password ?? '', next, request.ip);
    } catch (error) {
      if (error instanceof InvalidRequest && error.fields) throw this.refused(passwordProblem(error.fields));
      throw error;
    }
    await this.signOutElsewhere(request, session);
    await this.access.done(reply, '/password', 'password-changed');
  }

  /** Whoever knew the old password keeps nothing: every token and every other browser's session end. */
  private async signOutElsewhere(request: FastifyRequest, session: SessionDetails): Promise<void> {
    const ended = await this.personAccess.endAllButSession(session.userId, session.sessionId);
    await this.access.record(request, session, 'account.password_changed', { type: 'user', id: session.userId }, { other_sessions_ended: ended });
  }

  private refused(message: string): FormRejected {
    return new FormRejected(message, (request, reply) => this.render(request, reply, { error: message, status: 400 }));
  }

  private async render(request: FastifyRequest, reply: FastifyReply, state: { notice?: string; error?: string; status?: number }): Promise<void> {
    const page = renderPasswordPage({ pathPrefix: this.config.pathPrefix, csrfToken: this.access.csrfToken(request, reply), notice: state.notice, error: state.error });
    await reply.status(state.status ?? 200).headers(pageHeaders()).send(page);
  }
}
