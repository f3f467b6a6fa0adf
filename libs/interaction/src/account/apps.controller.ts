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
import { AccountApps } from './account-apps.service';
import { noticeFor } from './account-notices';
import { renderAppsPage } from './apps-page';

/** The apps the person allowed, with Revoke. */
@Page()
@Controller('account/apps')
export class AppsController {
  constructor(
    private readonly access: AccountAccess,
    private readonly apps: AccountApps,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const query = pageQuery(request);
    const session = await this.access.signedIn(request, reply, '/apps');
    if (session) await this.render(request, reply, session, { notice: noticeFor(query.done) });
  }

  @Post('revoke')
  async revoke(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = pageForm(request);
    this.access.assertOwnForm(request, form.csrf_token);
    const session = await this.access.signedIn(request, reply, '/apps');
    if (!session) return;
    const app = await this.apps.revoke(session.userId, form.client_id);
    if (!app) {
      const message = pageTranslator().t('account.apps.notFound');
      throw new FormRejected(message, (request, reply) => this.render(request, reply, session, { error: message, status: 404 }));
    }
    await this.access.record(request, session, 'account.consent_revoked', { type: 'client', id: app.clientId }, { scopes: app.scopes });
    await this.access.done(reply, '/apps', 'app-revoked');
  }

  private async render(request: FastifyRequest, reply: FastifyReply, session: SessionDetails, state: { notice?: string; error?: string; status?: number }): Promise<void> {
    const page = renderAppsPage({
      pathPrefix: this.config.pathPrefix,
      csrfToken: this.access.csrfToken(request, reply),
      apps: await this.apps.list(session.userId),
      notice: state.notice,
      error: state.error,
    });
    await reply.status(state.status ?? 200).headers(pageHeaders()).send(page);
  }
}
