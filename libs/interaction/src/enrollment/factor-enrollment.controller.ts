import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditLog } from '@app/audit';
import { AppConfig, AuthLevel, Clock, isAuthLevel } from '@app/core';
import {
  FactorService,
  PasskeyRejected,
  PasskeyService,
  RecoveryCodeService,
  SessionDetails,
  SsoSessionService,
  TotpService,
  UserService,
} from '@app/users';
import { ResumedRequests } from '../authorize/resumed-requests';
import { CsrfService } from '../http/csrf.service';
import { factorChangeDetour } from '../http/fresh-authentication';
import { ErrorPage } from '../http/page-errors';
import { pageHeaders } from '../http/page-headers';
import { formExpired, pageForm, pageQuery } from '../http/page-params';
import { MessageKey } from '../i18n/catalogues';
import { pageTranslator } from '../i18n/page-context';
import { Page } from '../http/page.decorator';
import { auditPasskeyRejection } from '../http/passkey-audit';
import { seeOther } from '../http/see-other';
import { sessionOrSignIn } from '../http/session-page';
import { safeReturnTo } from '../login/return-to';
import {
  renderChooseFactorPage,
  renderPasskeyEnrollmentPage,
  renderRecoveryCodesPage,
  renderTotpEnrollmentPage,
} from './enrollment-pages';

const CSRF_PURPOSE = 'factor-enrollment';

/**
 * Adding a factor: a passkey or security key (WebAuthn registration) or an authenticator app (TOTP,
 * confirmed by one valid code). Reached from the account page and, when an application needs a stronger
 * sign-in than the person's factors allow, from the authorization flow; either way only right after a
 * sign-in (see factorChangeDetour). The ceremony also proves the new factor, so the session steps up.
 */
@Page()
@Controller('account/factors')
export class FactorEnrollmentController {
  constructor(
    private readonly sessions: SsoSessionService,
    private readonly users: UserService,
    private readonly factors: FactorService,
    private readonly totp: TotpService,
    private readonly passkeys: PasskeyService,
    private readonly recoveryCodes: RecoveryCodeService,
    private readonly csrf: CsrfService,
    private readonly resumed: ResumedRequests,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Get('new')
  async choose(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { returnTo, level } = this.target(pageQuery(request));
    const session = await sessionOrSignIn(this.sessions, request, reply, this.config.pathPrefix, this.path('new', returnTo, level));
    if (!session) return;
    const page = renderChooseFactorPage({ pathPrefix: this.config.pathPrefix, returnTo, level: level ?? 'mfa', required: level !== undefined, cancelHref: this.cancelHref(returnTo) });
    await reply.status(200).headers(pageHeaders()).send(page);
  }

  @Get('totp/new')
  async totpPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { returnTo, level } = this.target(pageQuery(request));
    const session = await this.allowedSession(request, reply, this.path('totp/new', returnTo, level));
    if (!session) return;
    const person = await this.users.get(session.userId);
    const enrollment = await this.totp.begin(person.id, person.username);
    await this.sendPage(reply, renderTotpEnrollmentPage({
      pathPrefix: this.config.pathPrefix, returnTo, level, csrfToken: this.csrf.issue(request, reply, CSRF_PURPOSE), enrollment, cancelHref: this.cancelHref(returnTo),
    }), returnTo);
  }

  @Post('totp')
  async confirmTotp(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = pageForm(request);
    const { returnTo, level } = this.target(form);
    const session = await this.allowedSession(request, reply, this.path('totp/new', returnTo, level));
    if (!session) return;
    if (!this.csrf.verify(request, CSRF_PURPOSE, form.csrf_token)) throw new ErrorPage(pageTranslator().t('page.formExpired.title'), pageTranslator().t('enrollment.totp.expired'), 403);
    const person = await this.users.get(session.userId);
    const label = (form.label ?? '').trim().slice(0, 100) || pageTranslator().t('enrollment.totp.defaultName');
    if (await this.totp.confirm(person.id, form.factor_id ?? '', form.code ?? '', label)) {
      await this.recordAdded(request, session, 'totp', label);
      return this.finish(request, reply, session, ['otp'], returnTo);
    }
    const enrollment = await this.totp.pending(person.id, form.factor_id ?? '', person.username);
    if (!enrollment) return seeOther(reply, this.path('totp/new', returnTo, level));
    await this.sendPage(reply, renderTotpEnrollmentPage({
      pathPrefix: this.config.pathPrefix, returnTo, level, csrfToken: this.csrf.issue(request, reply, CSRF_PURPOSE), enrollment,
      error: pageTranslator().t('enrollment.totp.wrongCode'), cancelHref: this.cancelHref(returnTo),
    }), returnTo, 400);
  }

  @Get('passkey/new')
  async passkeyPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { returnTo, level } = this.target(pageQuery(request));
    const session = await this.allowedSession(request, reply, this.path('passkey/new', returnTo, level));
    if (!session) return;
    await this.sendPage(reply, renderPasskeyEnrollmentPage({
      pathPrefix: this.config.pathPrefix, returnTo, csrfToken: this.csrf.issue(request, reply, CSRF_PURPOSE), cancelHref: this.cancelHref(returnTo),
    }), returnTo, 200, true);
  }

  @Post('passkey/options')
  async passkeyOptions(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = pageForm(request);
    const session = await this.sessions.current(request);
    const t = pageTranslator();
    if (!session) throw new ErrorPage(t.t('page.notSignedIn.title'), t.t('enrollment.passkey.signInFirst'), 401);
    if (!this.csrf.verify(request, CSRF_PURPOSE, form.csrf_token)) throw formExpired();
    if (factorChangeDetour(session, this.clock.now(), await this.factors.hasSecondFactor(session.userId), this.config.pathPrefix, '/')) {
      throw new ErrorPage(t.t('secondFactor.title'), t.t('enrollment.passkey.signInAgain'), 403);
    }
    const person = await this.users.get(session.userId);
    const { handle, options } = await this.passkeys.registrationOptions({ id: person.id, username: person.username, name: person.name });
    await reply.status(200).header('Cache-Control', 'no-store').send({ handle, options });
  }

  @Post('passkey')
  async registerPasskey(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = pageForm(request);
    const { returnTo, level } = this.target(form);
    const session = await this.allowedSession(request, reply, this.path('passkey/new', returnTo, level));
    if (!session) return;
    const again = (error: MessageKey, status: number) =>
      this.sendPage(reply, renderPasskeyEnrollmentPage({
        pathPrefix: this.config.pathPrefix, returnTo, csrfToken: this.csrf.issue(request, reply, CSRF_PURPOSE), error: pageTranslator().t(error), cancelHref: this.cancelHref(returnTo),
      }), returnTo, status, true);
    if (!this.csrf.verify(request, CSRF_PURPOSE, form.csrf_token)) return again('enrollment.passkey.expired', 403);
    const person = await this.users.get(session.userId);
    try {
      const { factor, amr } = await this.passkeys.register({ id: person.id, username: person.username, name: person.name }, form.handle ?? '', form.response ?? '', form.label);
      await this.recordAdded(request, session, 'passkey', factor.label);
      return this.finish(request, reply, session, amr, returnTo);
    } catch (error) {
      if (!(error instanceof PasskeyRejected)) throw error;
      await auditPasskeyRejection(this.audit, request, error, session.userId);
      return again('enrollment.passkey.failed', 400);
    }
  }

  /** The new factor proved itself: the session steps up; a first factor comes with recovery codes. */
  private async finish(request: FastifyRequest, reply: FastifyReply, session: SessionDetails, amr: string[], returnTo: string): Promise<void> {
    await this.sessions.stepUp(session, amr);
    if ((await this.recoveryCodes.remaining(session.userId)) > 0) return seeOther(reply, returnTo);
    const codes = await this.recoveryCodes.regenerate(session.userId);
    await this.audit.record({
      action: 'account.recovery_codes_generated',
      actor: { type: 'person', id: session.userId },
      target: { type: 'user', id: session.userId },
      origin: { ip: request.ip, userAgent: request.headers['user-agent'] },
      details: { count: codes.length },
    });
    await this.sendPage(reply, renderRecoveryCodesPage({ codes, continueHref: returnTo }), returnTo);
  }

  /** The live session, if it may change factors now; otherwise the browser is sent to sign in again first. */
  private async allowedSession(request: FastifyRequest, reply: FastifyReply, self: string): Promise<SessionDetails | undefined> {
    const session = await sessionOrSignIn(this.sessions, request, reply, this.config.pathPrefix, self);
    if (!session) return undefined;
    const detour = factorChangeDetour(session, this.clock.now(), await this.factors.hasSecondFactor(session.userId), this.config.pathPrefix, self);
    if (!detour) return session;
    await seeOther(reply, detour);
    return undefined;
  }

  private recordAdded(request: FastifyRequest, session: SessionDetails, type: 'totp' | 'passkey', label: string): Promise<void> {
    return this.audit.record({
      action: 'account.factor_added',
      actor: { type: 'person', id: session.userId },
      target: { type: 'user', id: session.userId },
      origin: { ip: request.ip, userAgent: request.headers['user-agent'] },
      details: { type, label },
    });
  }

  private async sendPage(reply: FastifyReply, page: string, returnTo: string, status = 200, scripts = false): Promise<void> {
    const target = await this.resumed.finalRedirectOf(returnTo).catch(() => undefined);
    await reply.status(status).headers(pageHeaders(target, { scripts })).send(page);
  }

  private target(params: Readonly<Record<string, string>>): { returnTo: string; level?: AuthLevel } {
    const returnTo = safeReturnTo(params.return_to ?? `${this.config.pathPrefix}/account`, this.config.pathPrefix);
    return { returnTo, level: isAuthLevel(params.acr) && params.acr !== 'pwd' ? params.acr : undefined };
  }

  private path(page: string, returnTo: string, level?: AuthLevel): string {
    return `${this.config.pathPrefix}/account/factors/${page}?${new URLSearchParams({ return_to: returnTo, ...(level ? { acr: level } : {}) }).toString()}`;
  }

  private cancelHref(returnTo: string): string | undefined {
    return this.resumed.isResumeUrl(returnTo) ? `${returnTo}&cancel=unmet` : undefined;
  }
}
