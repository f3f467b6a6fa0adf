import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditLog } from '@app/audit';
import { AppConfig, AuthLevel, isAuthLevel, Metrics } from '@app/core';
import {
  FactorService,
  PasskeyRejected,
  PasskeyService,
  RecoveryCodeService,
  SecondFactorThrottle,
  SessionDetails,
  SsoSessionService,
  TotpService,
} from '@app/users';
import { ResumedRequests } from '../../authorize/resumed-requests';
import { CsrfService } from '../../http/csrf.service';
import { ErrorPage } from '../../http/page-errors';
import { MessageKey } from '../../i18n/catalogues';
import { pageTranslator } from '../../i18n/page-context';
import { pageHeaders } from '../../http/page-headers';
import { formExpired, pageForm, pageQuery } from '../../http/page-params';
import { Page } from '../../http/page.decorator';
import { auditPasskeyRejection } from '../../http/passkey-audit';
import { seeOther } from '../../http/see-other';
import { sessionOrSignIn } from '../../http/session-page';
import { safeReturnTo } from '../return-to';
import { renderSecondFactorPage } from './second-factor-page';

const CSRF_PURPOSE = 'second-factor';

/**
 * The second step of a sign-in, for a person already signed in with their password (never before: a code
 * checked first would tell who has which password). A code (authenticator app or recovery code) or a
 * passkey steps the session up; the page then returns to `return_to`.
 */
@Page()
@Controller('login/second-factor')
export class SecondFactorController {
  constructor(
    private readonly sessions: SsoSessionService,
    private readonly factors: FactorService,
    private readonly totp: TotpService,
    private readonly recoveryCodes: RecoveryCodeService,
    private readonly passkeys: PasskeyService,
    private readonly throttle: SecondFactorThrottle,
    private readonly csrf: CsrfService,
    private readonly resumed: ResumedRequests,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  @Get()
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = pageQuery(request);
    const returnTo = safeReturnTo(query.return_to, this.config.pathPrefix);
    const level: AuthLevel = isAuthLevel(query.acr) && query.acr !== 'pwd' ? query.acr : 'mfa';
    const session = await sessionOrSignIn(this.sessions, request, reply, this.config.pathPrefix, this.selfPath(returnTo, level));
    if (!session) return;
    const counts = await this.factors.counts(session.userId);
    const usable = level === 'phr' ? counts.passkey > 0 : counts.passkey + counts.totp > 0;
    if (!usable) return seeOther(reply, `${this.config.pathPrefix}/account/factors/new?${new URLSearchParams({ return_to: returnTo, acr: level })}`);
    await this.render(request, reply, session, returnTo, level);
  }

  @Post()
  async submitCode(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const submitted = await this.submission(request, reply);
    if (!submitted) return;
    const { form, returnTo, session } = submitted;
    if (!(await this.throttle.reserve(session.userId))) {
      await this.recordFailure(request, session, 'throttled');
      return this.render(request, reply, session, returnTo, 'mfa', 'secondFactor.tooMany', 429);
    }
    const code = (form.code ?? form.recovery_code ?? '').trim();
    const method = /^\d{3}\s?\d{3}$/.test(code) ? 'totp' : 'recovery_code';
    const accepted = method === 'totp' ? Boolean(await this.totp.verify(session.userId, code)) : await this.recoveryCodes.redeem(session.userId, code);
    if (!accepted) {
      await this.recordFailure(request, session, method === 'totp' ? 'wrong_code' : 'wrong_recovery_code');
      return this.render(request, reply, session, returnTo, 'mfa', 'secondFactor.wrongCode', 401);
    }
    await this.throttle.succeeded(session.userId);
    await this.stepUp(request, reply, session, ['otp'], method, returnTo);
  }

  /** WebAuthn options for an assertion by one of the signed-in person's own credentials. */
  @Post('passkey/options')
  async passkeyOptions(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = pageForm(request);
    const session = await this.sessions.current(request);
    if (!session) throw new ErrorPage(pageTranslator().t('page.notSignedIn.title'), pageTranslator().t('secondFactor.passwordFirst'), 401);
    if (!this.csrf.verify(request, CSRF_PURPOSE, form.csrf_token)) throw formExpired();
    const { handle, options } = await this.passkeys.authenticationOptions('second-factor', session.userId);
    await reply.status(200).header('Cache-Control', 'no-store').send({ handle, options });
  }

  @Post('passkey')
  async submitPasskey(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const submitted = await this.submission(request, reply);
    if (!submitted) return;
    const { form, returnTo, session } = submitted;
    try {
      const result = await this.passkeys.authenticate('second-factor', form.handle ?? '', form.response ?? '', session.userId);
      await this.stepUp(request, reply, session, result.amr, 'passkey', returnTo);
    } catch (error) {
      if (!(error instanceof PasskeyRejected)) throw error;
      this.metrics.signIn('second_factor', `passkey_${error.reason}`);
      await auditPasskeyRejection(this.audit, request, error, session.userId);
      return this.render(request, reply, session, returnTo, 'mfa', 'secondFactor.passkeyRefused', 401);
    }
  }

  /**
   * A posted form of this page, from the signed-in person, with a valid CSRF token; otherwise the answer
   * (the sign-in page, or this page again) is sent and the result is undefined.
   */
  private async submission(request: FastifyRequest, reply: FastifyReply): Promise<{ form: Readonly<Record<string, string>>; returnTo: string; session: SessionDetails } | undefined> {
    const form = pageForm(request);
    const returnTo = safeReturnTo(form.return_to, this.config.pathPrefix);
    const session = await this.sessions.current(request);
    if (!session) {
      await seeOther(reply, `${this.config.pathPrefix}/login?${new URLSearchParams({ return_to: returnTo })}`);
      return undefined;
    }
    if (!this.csrf.verify(request, CSRF_PURPOSE, form.csrf_token)) {
      await this.render(request, reply, session, returnTo, 'mfa', 'secondFactor.expired', 403);
      return undefined;
    }
    return { form, returnTo, session };
  }

  private async stepUp(request: FastifyRequest, reply: FastifyReply, session: SessionDetails, amr: string[], method: string, returnTo: string): Promise<void> {
    const stepped = await this.sessions.stepUp(session, amr);
    if (!stepped) return seeOther(reply, `${this.config.pathPrefix}/login?${new URLSearchParams({ return_to: returnTo })}`);
    this.metrics.signIn('second_factor', 'succeeded');
    await this.audit.record({
      action: 'signin.second_factor',
      actor: { type: 'person', id: session.userId },
      target: { type: 'user', id: session.userId },
      origin: { ip: request.ip, userAgent: request.headers['user-agent'] },
      details: { method, acr: stepped.acr, amr: stepped.amr },
    });
    await seeOther(reply, returnTo);
  }

  private async recordFailure(request: FastifyRequest, session: SessionDetails, reason: string): Promise<void> {
    this.metrics.signIn('second_factor', reason);
    await this.audit.record({
      action: 'signin.second_factor_failed',
      actor: { type: 'person', id: session.userId },
      target: { type: 'user', id: session.userId },
      origin: { ip: request.ip, userAgent: request.headers['user-agent'] },
      details: { reason },
    });
  }

  private async render(
    request: FastifyRequest,
    reply: FastifyReply,
    session: SessionDetails,
    returnTo: string,
    level: AuthLevel,
    error?: MessageKey,
    status = 200,
  ): Promise<void> {
    const [counts, recoveryCodes] = await Promise.all([this.factors.counts(session.userId), this.recoveryCodes.remaining(session.userId)]);
    const page = renderSecondFactorPage({
      pathPrefix: this.config.pathPrefix,
      csrfToken: this.csrf.issue(request, reply, CSRF_PURPOSE),
      returnTo,
      level,
      hasTotp: counts.totp > 0,
      hasPasskey: counts.passkey > 0,
      hasRecoveryCodes: recoveryCodes > 0,
      error: error && pageTranslator().t(error),
      cancelHref: this.cancelHref(returnTo, 'denied'),
    });
    // The answer of these forms redirects on to the client that started the request.
    const target = await this.resumed.finalRedirectOf(returnTo).catch(() => undefined);
    await reply.status(status).headers(pageHeaders(target, { scripts: counts.passkey > 0 })).send(page);
  }

  private cancelHref(returnTo: string, reason: 'denied' | 'unmet'): string | undefined {
    return this.resumed.isResumeUrl(returnTo) ? `${returnTo}&cancel=${reason}` : undefined;
  }

  private selfPath(returnTo: string, level: AuthLevel): string {
    return `${this.config.pathPrefix}/login/second-factor?${new URLSearchParams({ return_to: returnTo, acr: level })}`;
  }
}
