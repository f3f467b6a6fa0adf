import { Controller, Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditLog } from '@app/audit';
import { Metrics } from '@app/core';
import { SsoSessionService, UserEntity } from '@app/users';
import { Page } from '../http/page.decorator';
import { pageTranslator } from '../i18n/page-context';
import { pageForm, pageQuery } from '../http/page-params';
import { seeOther } from '../http/see-other';
import { HomeRealmGuard, LocalLoginGuard, LoginCsrfGuard } from './login.guards';
import { LoginForm } from './login-form';

/** The sign-in page: `GET /login?return_to=/path` shows the form, `POST /login` signs in and goes back. */
@Page()
@Controller('login')
export class LoginController {
  constructor(
    private readonly form: LoginForm,
    private readonly sessions: SsoSessionService,
    private readonly audit: AuditLog,
    private readonly metrics: Metrics,
  ) {}

  @Get()
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = pageQuery(request, pageTranslator().t('login.invalidLink'));
    await this.form.show(request, reply, { returnTo: this.form.returnTo(query.return_to), username: query.login_hint });
  }

  @Post()
  @UseGuards(LoginCsrfGuard, HomeRealmGuard, LocalLoginGuard)
  async submit(@Req() request: FastifyRequest & { user: UserEntity }, @Res() reply: FastifyReply): Promise<void> {
    // A new session id at every sign-in, so a planted cookie never becomes an authenticated one.
    await this.sessions.start(request, reply, request.user.id);
    this.metrics.signIn('password', 'succeeded');
    await this.audit.record({
      action: 'signin.succeeded',
      actor: { type: 'person', id: request.user.id },
      target: { type: 'user', id: request.user.id },
      origin: { ip: request.ip, userAgent: request.headers['user-agent'] },
      details: { username: request.user.username },
    });
    await seeOther(reply, this.form.returnTo(pageForm(request).return_to));
  }
}
