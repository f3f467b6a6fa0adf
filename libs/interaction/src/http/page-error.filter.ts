import { ArgumentsHost, Catch, ExceptionFilter, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_LOGGER, AppConfig, AppLogger, logError } from '@app/core';
import { sendAuthorizationResponse } from '../authorize/authorization-response';
import { pageTranslator, inPageContextOf } from '../i18n/page-context';
import { escapeHtml, HTML_PAGE_HEADERS, htmlPage } from './html';
import { AuthorizationRedirectError, ErrorPage, FormRejected } from './page-errors';

/**
 * The one place errors of the pages a person sees are rendered. A verified authorization request's error
 * goes back to its client (a redirect); a rejected form is shown again by its page; anything else is an
 * HTML page and never a redirect, since whatever failed came before a client and its redirect URI were
 * verified. Internals never reach the page.
 */
@Catch()
@Injectable()
export class PageErrorFilter implements ExceptionFilter {
  constructor(
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
    private readonly config: AppConfig,
  ) {}

  catch(error: unknown, host: ArgumentsHost): Promise<void> {
    return this.render(error, host.switchToHttp().getRequest<FastifyRequest>(), host.switchToHttp().getResponse<FastifyReply>());
  }

  /** Also for errors raised before a page's handler runs (see `Page`). */
  async render(error: unknown, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (reply.sent) return;
    if (error instanceof AuthorizationRedirectError) {
      return sendAuthorizationResponse(reply, error, error.parameters(), this.config.pathPrefix);
    }
    if (error instanceof FormRejected) return inPageContextOf(request, () => error.showFormAgain(request, reply));
    await inPageContextOf(request, () => renderErrorPage(error instanceof ErrorPage ? error : this.pageFor(error, request), reply));
  }

  private pageFor(error: unknown, request: FastifyRequest): ErrorPage {
    const oauthError = logError(error, request, this.logger);
    const t = pageTranslator();
    if (oauthError.status >= 500) {
      return new ErrorPage(t.t('error.unavailable.title'), t.t('error.unavailable.text'), oauthError.status, oauthError.code, oauthError.headers);
    }
    // The protocol's own description is English text for the developer of the application: in another
    // language it is shown as a detail, marked as English, under a sentence in the person's language.
    const description = oauthError.description ?? t.t('error.malformed');
    if (t.locale === 'en') return new ErrorPage(t.t('error.rejected.title'), description, oauthError.status, oauthError.code, oauthError.headers);
    return new ErrorPage(t.t('error.rejected.title'), t.t('error.rejected.text'), oauthError.status, oauthError.code, oauthError.headers, description);
  }
}

async function renderErrorPage(page: ErrorPage, reply: FastifyReply): Promise<void> {
  const t = pageTranslator();
  const detail = page.detail ? `\n<p lang="en">${t.html('error.details', { description: page.detail })}</p>` : '';
  const body = `<h1>${escapeHtml(page.title)}</h1><p class="error" role="alert">${escapeHtml(page.explanation)}</p>${detail}
<p>${t.html('error.code', { code: page.code })}</p>`;
  await reply.status(page.status).headers({ ...HTML_PAGE_HEADERS, ...page.headers }).send(htmlPage(page.title, body));
}
