import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, FormParams } from '@app/core';
import { SessionDetails } from '@app/users';
import { Page } from '../http/page.decorator';
import { FormRejected } from '../http/page-errors';
import { pageHeaders } from '../http/page-headers';
import { pageTranslator } from '../i18n/page-context';
import { pageForm, pageQuery } from '../http/page-params';
import { AccountAccess } from './account-access';
import { AccountFactors, labelProblem } from './account-factors.service';
import { noticeFor } from './account-notices';
import { renderFactorsPage } from './factors-page';

const PAGE = '/factors';

/**
 * The person's passkeys and authenticator apps: rename and remove, each only within minutes of a sign-in
 * that used a factor (a stolen session or password alone cannot change how its person signs in). Adding
 * one is the enrollment pages' job.
 */
@Page()
@Controller('account/factors')
export class FactorsController {
  constructor(
    private readonly access: AccountAccess,
    private readonly factors: AccountFactors,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = pageQuery(request);
    const session = await this.access.signedIn(request, reply, PAGE);
    if (session) await this.render(request, reply, session, { notice: noticeFor(query.done) });
  }

  @Post('rename')
  async rename(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { session, form } = await this.freshForm(request, reply);
    if (!session) return;
    const factor = await this.factors.find(session.userId, form.factor_id);
    if (!factor) throw this.refused(session, notFound(), 404);
    const problem = labelProblem(form.label);
    if (problem) throw this.refused(session, problem, 400);
    const label = form.label!.trim();
    if (!(await this.factors.rename(session.userId, factor.id, label))) throw this.refused(session, notFound(), 404);
    await this.access.record(request, session, 'account.factor_renamed', { type: 'factor', id: factor.id }, { factor_type: factor.type, from: factor.label, to: label });
    await this.access.done(reply, PAGE, 'factor-renamed');
  }

  @Post('remove')
  async remove(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { session, form } = await this.freshForm(request, reply);
    if (!session) return;
    const factor = await this.factors.find(session.userId, form.factor_id);
    const removed = factor && (await this.factors.remove(session.userId, factor.id));
    if (!removed) throw this.refused(session, notFound(), 404);
    await this.access.record(request, session, 'account.factor_removed', { type: 'factor', id: removed.id }, { factor_type: removed.type, label: removed.label });
    await this.access.done(reply, PAGE, 'factor-removed');
  }

  /** The CSRF check first, then a live, recent, multi-factor sign-in; otherwise the browser is already on its way. */
  private async freshForm(request: FastifyRequest, reply: FastifyReply): Promise<{ session?: SessionDetails; form: FormParams }> {
    const form = pageForm(request);
    this.access.assertOwnForm(request, form.csrf_token);
    const session = await this.access.signedIn(request, reply, PAGE);
    if (!session) return { form };
    // Whoever renames or removes a factor has one, so a password-only session proves a factor first.
    if (!(await this.access.mayChangeFactorsOrDetour(session, reply, PAGE, true))) return { form };
    return { session, form };
  }

  private refused(session: SessionDetails, message: string, status: number): FormRejected {
    return new FormRejected(message, (request, reply) => this.render(request, reply, session, { error: message, status }));
  }

  private async render(request: FastifyRequest, reply: FastifyReply, session: SessionDetails, state: { notice?: string; error?: string; status?: number }): Promise<void> {
    const page = renderFactorsPage({
      pathPrefix: this.config.pathPrefix,
      csrfToken: this.access.csrfToken(request, reply),
      factors: await this.factors.list(session.userId),
      fresh: this.access.factorChangeDetour(session, PAGE, true) === undefined,
      notice: state.notice,
      error: state.error,
    });
    await reply.status(state.status ?? 200).headers(pageHeaders()).send(page);
  }
}

function notFound(): string {
  return pageTranslator().t('account.factors.notFound');
}
