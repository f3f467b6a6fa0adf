import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, ErrorLogger, renderError } from '@app/core';
import { isPageRequest, PageErrorFilter } from '@app/interaction';
import { isScimRequest, renderScimError } from '@app/scim';

/**
 * Answers any error: the pages a person sees as pages (libs/interaction), the SCIM service in RFC 7644
 * §3.12 JSON (libs/scim), everything else in RFC 6749 §5.2 JSON (libs/core). Used by the global exception
 * filter and by the framework's own refusals, which come before Nest has built the page filter: it is
 * attached once the application exists.
 */
export class ErrorResponder {
  private pages: PageErrorFilter | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly logger: ErrorLogger,
  ) {}

  attachPages(pages: PageErrorFilter): void {
    this.pages = pages;
  }

  async respond(error: unknown, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (this.pages && isPageRequest(request, this.config.pathPrefix)) return this.pages.render(error, request, reply);
    if (isScimRequest(request, this.config.pathPrefix)) return renderScimError(error, request, reply, this.logger);
    renderError(error, request, reply, this.logger);
  }
}
