import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '@app/core';
import { isPageRequest } from '../http/page.decorator';
import { localeCookieName, rememberLocale } from './locale-cookie';
import { PageContext, pageContextOf, runInPageContext } from './page-context';

/**
 * Makes every page request's PageContext current for the rest of its handling (guards, handler, error
 * filter, and the work a handler leaves running after answering, such as a mail). Body parsing may leave
 * the async context, so it is entered again before validation.
 */
export function registerPageContext(fastify: FastifyInstance, config: AppConfig): void {
  const cookie = localeCookieName(config);
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!isPageRequest(request, config.pathPrefix)) return done();
    const context = new PageContext(request, cookie);
    const requested = context.requestedLocale();
    if (requested) rememberLocale(reply, config, requested);
    runInPageContext(request, context, done);
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    const context = pageContextOf(request);
    if (!context) return done();
    runInPageContext(request, context, done);
  });
}
