import type { FastifyRequest } from 'fastify';
import { FormParams, OAuthError, readFormBody, readQuery } from '@app/core';
import { ErrorPage } from './page-errors';

/**
 * The parameters of a page's link (query) or form (body), each at most once. A malformed request is told
 * to the person as an error page: it came from a link or form no client can be trusted to have made.
 */
export function pageQuery(request: FastifyRequest, title = 'Invalid request'): FormParams {
  return asPageError(() => readQuery(request), title);
}

export function pageForm(request: FastifyRequest, title = 'Invalid request'): FormParams {
  return asPageError(() => readFormBody(request), title);
}

function asPageError(read: () => FormParams, title: string): FormParams {
  try {
    return read();
  } catch (error) {
    if (error instanceof OAuthError) throw new ErrorPage(title, error.description ?? 'The request is malformed');
    throw error;
  }
}
