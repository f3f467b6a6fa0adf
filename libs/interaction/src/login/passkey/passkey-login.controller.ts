import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditLog } from '@app/audit';
import { AppConfig, Metrics } from '@app/core';
import { PasskeyRejected, PasskeyService, SsoSessionService, UserService } from '@app/users';
import { ResumedRequests } from '../../authorize/resumed-requests';
import { CsrfService } from '../../http/csrf.service';
import { pageHeaders } from '../../http/page-headers';
import { formExpired, pageForm, pageQuery } from '../../http/page-params';
import { Page } from '../../http/page.decorator';
import { auditPasskeyRejection } from '../../http/passkey-audit';
import { seeOther } from '../../http/see-other';
import { pageTranslator } from '../../i18n/page-context';
import { LOGIN_CSRF_PURPOSE, LoginForm } from '../login-form';
import { renderPasskeyLoginPage } from '../login-page';

/**
 * "Sign in with a passkey" from the login page: a discoverable credential names the person, and user
 * verification (the authenticator's PIN or biometric) is required, so the passkey alone is two factors.
 */
@Page()
@Controller('login/passkey')
export class PasskeyLoginController {
  constructor(
    private readonly passkeys: PasskeyService,
    private readonly users: UserService,
    private readonly sessions: SsoSessionService,
    private readonly csrf: CsrfService,
    private readonly form: LoginForm,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
    private readonly resumed: ResumedRequests,
    private readonly metrics: Metrics,
  ) {}

  @Get()
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const returnTo = this.form.returnTo(pageQuery(request).return_to);
    const page = renderPasskeyLoginPage({ pathPrefix: this.config.pathPrefix, csrfToken: this.csrf.issue(request, reply, LOGIN_CSRF_PURPOSE), returnTo });
    // The form's answer may redirect on to the client that started an authorization request.
    const target = await this.resumed.finalRedirectOf(returnTo).catch(() => undefined);
    await reply.status(200).headers(pageHeaders(target, { scripts: true })).send(page);
  }

  @Post('options')
  async options(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = pageForm(request);
    if (!this.csrf.verify(request, LOGIN_CSRF_PURPOSE, form.csrf_token)) throw formExpired();
    const { handle, options } = await this.passkeys.authenticationOptions('signin', null);
    await reply.status(200).header('Cache-Control', 'no-store').send({ handle, options });
  }

  @Post()
  async submit(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = pageForm(request);
    const returnTo = this.form.returnTo(form.return_to);
    if (!this.csrf.verify(request, LOGIN_CSRF_PURPOSE, form.csrf_token)) return this.showAgain(request, reply, returnTo, pageTranslator().t('login.expired'), 403);
    let result;
    try {
      result = await this.passkeys.authenticate('signin', form.handle ?? '', form.response ?? '', null);
    } catch (error) {
      if (!(error instanceof PasskeyRejected)) throw error;
      this.metrics.signIn('passkey', error.reason);
      await auditPasskeyRejection(this.audit, request, error);
      return this.showAgain(request, reply, returnTo, pageTranslator().t('passkeyLogin.refused'), 401);
    }
    const person = await this.users.findById(result.userId);
    if (!person || person.disabled) {
      this.metrics.signIn('passkey', 'disabled');
      await auditPasskeyRejection(this.audit, request, new PasskeyRejected('verification', 'the person is disabled', result.userId, result.factorId));
      return this.showAgain(request, reply, returnTo, pageTranslator().t('passkeyLogin.refused'), 401);
    }
    // A new session id at every sign-in, as with a password.
    const session = await this.sessions.start(request, reply, person.id, result.amr);
    this.metrics.signIn('passkey', 'succeeded');
    await this.audit.record({
      action: 'signin.succeeded',
      actor: { type: 'person', id: person.id },
      target: { type: 'user', id: person.id },
      origin: { ip: request.ip, userAgent: request.headers['user-agent'] },
      details: { username: person.username, method: 'passkey', acr: session.acr, amr: session.amr },
    });
    await seeOther(reply, returnTo);
  }

  private showAgain(request: FastifyRequest, reply: FastifyReply, returnTo: string, error: string, status: number): Promise<void> {
    return this.form.show(request, reply, { returnTo, error, status });
  }
}
