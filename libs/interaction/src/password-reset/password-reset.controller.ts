import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, InvalidRequest } from '@app/core';
import { CsrfService } from '../http/csrf.service';
import { Page } from '../http/page.decorator';
import { FormRejected } from '../http/page-errors';
import { pageHeaders } from '../http/page-headers';
import { pageForm, pageQuery } from '../http/page-params';
import { safeReturnTo } from '../login/return-to';
import { passwordProblem } from '../account/password-problem';
import { pageTranslator } from '../i18n/page-context';
import { PasswordResetFlow, ResetLinkInvalid } from './password-reset-flow.service';
import {
  renderForgotPage, renderInvalidLinkPage, renderResetDonePage, renderResetPage, renderSentPage, renderUnavailablePage,
} from './password-reset-pages';

const CSRF_PURPOSE = 'password-reset';

/**
 * "Forgot your password?": `GET|POST /login/forgot` asks for the address and always gives the same answer;
 * the mailed link opens `GET /login/reset?token=…`, whose form `POST /login/reset` sets the new password.
 */
@Page()
@Controller('login')
export class PasswordResetController {
  constructor(
    private readonly flow: PasswordResetFlow,
    private readonly csrf: CsrfService,
    private readonly config: AppConfig,
  ) {}

  @Get('forgot')
  async showForgot(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const returnTo = this.returnTo(pageQuery(request).return_to);
    if (!this.flow.enabled) return this.send(reply, 404, renderUnavailablePage(this.frame(returnTo)));
    await this.forgotForm(request, reply, returnTo);
  }

  @Post('forgot')
  async requestLink(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = pageForm(request);
    const returnTo = this.returnTo(form.return_to);
    if (!this.flow.enabled) return this.send(reply, 404, renderUnavailablePage(this.frame(returnTo)));
    if (!this.csrf.verify(request, CSRF_PURPOSE, form.csrf_token)) {
      throw new FormRejected('form expired', (req, res) => this.forgotForm(req, res, returnTo, pageTranslator().t('reset.form.expired'), 403));
    }
    // The answer first, the work after: known, unknown and throttled addresses answer alike and at once.
    await this.send(reply, 200, renderSentPage(this.frame(returnTo)));
    // The mail speaks the language of this page, chosen now while the request is at hand.
    this.flow.requestInBackground(form.email ?? '', returnTo, { ip: request.ip, userAgent: request.headers['user-agent'] }, pageTranslator());
  }

  @Get('reset')
  async showReset(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = pageQuery(request, pageTranslator().t('reset.invalidLink'));
    if (!this.flow.enabled) return this.send(reply, 404, renderUnavailablePage(this.frame(this.returnTo(undefined))));
    try {
      const owner = await this.flow.check(query.token);
      await this.resetForm(request, reply, query.token!, this.returnTo(owner.returnTo ?? undefined));
    } catch (error) {
      if (error instanceof ResetLinkInvalid) return this.send(reply, 400, renderInvalidLinkPage(this.frame(this.returnTo(undefined))));
      throw error;
    }
  }

  @Post('reset')
  async reset(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = pageForm(request, pageTranslator().t('reset.invalidForm'));
    if (!this.flow.enabled) return this.send(reply, 404, renderUnavailablePage(this.frame(this.returnTo(undefined))));
    const token = form.token ?? '';
    const t = pageTranslator();
    const again = (message: string, status: number) =>
      new FormRejected(message, (req, res) => this.resetForm(req, res, token, this.returnTo(undefined), message, status));
    if (!this.csrf.verify(request, CSRF_PURPOSE, form.csrf_token)) throw again(t.t('reset.form.expired'), 403);
    const password = form.new_password ?? '';
    if (password !== form.new_password_confirmation) throw again(t.t('reset.form.differ'), 400);
    try {
      const owner = await this.flow.complete(token, password, { ip: request.ip, userAgent: request.headers['user-agent'] });
      await this.send(reply, 200, renderResetDonePage(this.frame(this.returnTo(owner.returnTo ?? undefined))));
    } catch (error) {
      if (error instanceof ResetLinkInvalid) return this.send(reply, 400, renderInvalidLinkPage(this.frame(this.returnTo(undefined))));
      if (error instanceof InvalidRequest && error.fields?.password) throw again(passwordProblem(error.fields), 400);
      throw error;
    }
  }

  private async forgotForm(request: FastifyRequest, reply: FastifyReply, returnTo: string, error?: string, status = 200): Promise<void> {
    const csrfToken = this.csrf.issue(request, reply, CSRF_PURPOSE);
    await this.send(reply, status, renderForgotPage({ ...this.frame(returnTo), csrfToken, error }));
  }

  private async resetForm(request: FastifyRequest, reply: FastifyReply, token: string, returnTo: string, error?: string, status = 200): Promise<void> {
    const csrfToken = this.csrf.issue(request, reply, CSRF_PURPOSE);
    await this.send(reply, status, renderResetPage({ ...this.frame(returnTo), csrfToken, token, error }));
  }

  private frame(returnTo: string) {
    return { pathPrefix: this.config.pathPrefix, returnTo };
  }

  private returnTo(value: string | undefined): string {
    return safeReturnTo(value, this.config.pathPrefix);
  }

  private async send(reply: FastifyReply, status: number, page: string): Promise<void> {
    await reply.status(status).headers(pageHeaders()).send(page);
  }
}
