import { ArgumentsHost, Catch, ExceptionFilter, Inject } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { APP_LOGGER, AppLogger } from '../logging/app-logger';
import { renderError } from './error-renderer';

/** The single exception filter: every error thrown in a route is rendered by `renderError`. */
@Catch()
export class OAuthExceptionFilter implements ExceptionFilter {
  constructor(
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
    private readonly config: AppConfig,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    renderError(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.logger, this.config.pathPrefix);
  }
}
