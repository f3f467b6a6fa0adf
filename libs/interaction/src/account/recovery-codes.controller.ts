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
import { AccountFactors } from './account-factors.service';
import { noticeFor } from './account-notices';
import { renderNewRecoveryCodesPage, renderRecoveryCodesPage } from './recovery-codes-page';

const PAGE = '/recovery-codes';

/** How many recovery codes are left, and new ones (shown once) within minutes of a multi-factor sign-in. */
@Page()
@Controller('account/recovery-codes')
export class RecoveryCodesController {
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

  @Post()
  async regenerate(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = pageForm(request);
    this.access.assertOwnForm(request, form.csrf_token);
    const session = await this.access.signedIn(request, reply, PAGE);
    if (!session) return;
    if (!(await this.factors.recoveryStatus(session.userId)).hasSecondFactor) {
      const message = pageTranslator().t('account.recovery.needsFactor');
      throw new FormRejected(message, (request, reply) => this.render(request, reply, session, { error: message, status: 409 }));
    }
    if (!(await this.access.mayChangeFactorsOrDetour(session, reply, PAGE, true))) return;
    const codes = await this.factors.regenerateRecoveryCodes(session.userId);
    await this.access.record(request, session, 'account.recovery_codes_regenerated', { type: 'user', id: session.userId }, { count: codes.length });
    // Shown in the answer itself, never through a redirect: the codes are not stored anywhere they could be read again.
    await reply.status(200).headers(pageHeaders()).send(renderNewRecoveryCodesPage({ pathPrefix: this.config.pathPrefix }, codes));
  }

  private async render(request: FastifyRequest, reply: FastifyReply, session: SessionDetails, state: { notice?: string; error?: string; status?: number }): Promise<void> {
    const status = await this.factors.recoveryStatus(session.userId);
    const page = renderRecoveryCodesPage({
      pathPrefix: this.config.pathPrefix,
      csrfToken: this.access.csrfToken(request, reply),
      remaining: status.remaining,
      hasSecondFactor: status.hasSecondFactor,
      fresh: this.access.factorChangeDetour(session, PAGE, status.hasSecondFactor) === undefined,
      notice: state.notice,
      error: state.error,
    });
    await reply.status(state.status ?? 200).headers(pageHeaders()).send(page);
  }
}
