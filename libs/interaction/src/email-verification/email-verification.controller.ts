import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditLog } from '@app/audit';
import { AppConfig } from '@app/core';
import { EmailVerificationTokens, UserService } from '@app/users';
import { AccountAccess } from '../account/account-access';
import { Page } from '../http/page.decorator';
import { pageHeaders } from '../http/page-headers';
import { pageForm, pageQuery } from '../http/page-params';
import { pageTranslator } from '../i18n/page-context';
import { Mailer } from '../mail/mailer.service';
import { verificationMail, VERIFICATION_LINK_TTL_SECONDS } from './verification-mail';
import { renderVerificationResultPage } from './verification-pages';

// randomBytes(32) in base64url: anything else was never issued, and costs no database lookup.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * E-mail verification: the signed-in person asks for a link (`POST /account/email/verify`) sent to their
 * address; opening it (`GET /account/email/confirm?token=…`) verifies that address, once, in any browser:
 * the link itself is the proof of receipt.
 */
@Page()
@Controller('account/email')
export class EmailVerificationController {
  constructor(
    private readonly access: AccountAccess,
    private readonly users: UserService,
    private readonly tokens: EmailVerificationTokens,
    private readonly mailer: Mailer,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
  ) {}

  @Post('verify')
  async requestLink(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = pageForm(request);
    this.access.assertOwnForm(request, form.csrf_token);
    const session = await this.access.signedIn(request, reply);
    if (!session) return;
    const user = await this.users.get(session.userId);
    if (!this.mailer.enabled || !user.email || user.emailVerified) return this.access.done(reply, '', 'verification-not-needed');
    const token = await this.tokens.issue(user.id, user.email, VERIFICATION_LINK_TTL_SECONDS);
    if (!token) return this.access.done(reply, '', 'verification-throttled');
    const link = `${this.config.endpoint('/account/email/confirm')}?${new URLSearchParams({ token })}`;
    const sent = await this.mailer.send(verificationMail(user.email, link));
    await this.access.record(request, session, 'account.email_verification_sent', { type: 'user', id: user.id }, { sent });
    await this.access.done(reply, '', sent ? 'verification-sent' : 'verification-failed');
  }

  @Get('confirm')
  async confirm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const token = pageQuery(request, pageTranslator().t('verification.invalidLink')).token;
    const userId = token && TOKEN_SHAPE.test(token) ? await this.tokens.confirm(token) : undefined;
    if (userId) {
      await this.audit.record({
        action: 'user.email_verified',
        actor: { type: 'person', id: userId },
        target: { type: 'user', id: userId },
        origin: { ip: request.ip, userAgent: request.headers['user-agent'] },
      });
    }
    await reply.status(userId ? 200 : 400).headers(pageHeaders()).send(renderVerificationResultPage(this.config.pathPrefix, Boolean(userId)));
  }
}
