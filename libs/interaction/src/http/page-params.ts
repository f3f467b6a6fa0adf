import type { FastifyRequest } from 'fastify';
import { FormParams, OAuthError, readFormBody, readQuery } from '@app/core';
import { pageTranslator } from '../i18n/page-context';
import { ErrorPage } from './page-errors';

/**
 * The parameters of a page's link (query) or form (body), each at most once. A malformed request is told
 * to the person as an error page: it came from a link or form no client can be trusted to have made.
 */
export function pageQuery(request: FastifyRequest, title?: string): FormParams {
  return asPageError(() => readQuery(request), title);
}

export function pageForm(request: FastifyRequest, title?: string): FormParams {
  return asPageError(() => readFormBody(request), title);
}

/**
 * The error page for a malformed parameter. Its description is English text written for developers: in
 * another language it is the page's detail, under a sentence in the person's language.
 */
export function malformedRequestPage(error: OAuthError, title?: string): ErrorPage {
  const t = pageTranslator();
  const heading = title ?? t.t('page.invalidRequest');
  if (t.locale === 'en') return new ErrorPage(heading, error.description ?? t.t('page.malformed'));
  return new ErrorPage(heading, t.t('page.malformed'), 400, 'invalid_request', {}, error.description);
}

/** A form's CSRF token did not match (an old tab, or a form not of this browser). */
export function formExpired(): ErrorPage {
  const t = pageTranslator();
  return new ErrorPage(t.t('page.formExpired.title'), t.t('page.formExpired.reload'), 403);
}

function asPageError(read: () => FormParams, title: string | undefined): FormParams {
  try {
    return read();
  } catch (error) {
    if (error instanceof OAuthError) throw malformedRequestPage(error, title);
    throw error;
  }
}
