import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { htmlPage, escapeHtml, HTML_PAGE_HEADERS } from '../http/html';
import { AuthorizationRedirectError, ErrorPage } from './authorization-errors';
import { isDatabaseUnavailable } from './database-unavailable';
import { OAuthError, OAuthErrorCode, ServiceUnavailable } from './oauth-error';

const HTTP_STATUS_CODES: Record<number, OAuthErrorCode> = {
  400: 'invalid_request',
  401: 'invalid_token',
  403: 'access_denied',
  404: 'not_found',
  409: 'conflict',
  429: 'too_many_requests',
  503: 'temporarily_unavailable',
};

/** Errors Fastify raises before a route runs (body parsing), translated to OAuth shapes. */
function fromFastifyError(error: { code?: string; statusCode?: number; message?: string }): OAuthError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return withStatus(new OAuthError('invalid_request', 'The request body is too large'), 413);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return withStatus(new OAuthError('invalid_request', 'Unsupported content type'), 415);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new OAuthError('invalid_request', 'The JSON body is empty');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new OAuthError('invalid_request', 'The body is not valid JSON');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new OAuthError('invalid_request', 'Content-Length does not match the body');
    case 'FST_ERR_BAD_URL':
      return new OAuthError('invalid_request', 'The request path is malformed');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return withStatus(new OAuthError('invalid_request', 'A path segment is too long'), 414);
  }
  if (error instanceof SyntaxError) return new OAuthError('invalid_request', 'The body is not valid JSON');
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return withStatus(new OAuthError(HTTP_STATUS_CODES[error.statusCode] ?? 'invalid_request', 'The request is malformed'), error.statusCode);
  }
  return undefined;
}

function withStatus(error: OAuthError, status: number): OAuthError {
  Object.defineProperty(error, 'status', { value: status });
  return error;
}

function fromHttpException(exception: HttpException): OAuthError {
  const status = exception.getStatus();
  const response = exception.getResponse();
  const message =
    typeof response === 'object' && response && 'message' in response
      ? ([] as unknown[]).concat((response as { message: unknown }).message).join('; ')
      : exception.message;
  const code = HTTP_STATUS_CODES[status] ?? (status >= 500 ? 'server_error' : 'invalid_request');
  return withStatus(new OAuthError(code, status === 404 ? 'Not found' : message), status);
}

export interface ErrorLogger {
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

/**
 * Turns anything thrown into a safe answer: the one place errors are rendered. `pathPrefix` is the
 * issuer's path, under which the browser pages live (AppConfig.pathPrefix).
 */
export function renderError(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: ErrorLogger, pathPrefix = ''): void {
  if (reply.sent) return;
  if (error instanceof AuthorizationRedirectError) {
    void reply.status(303).header('Cache-Control', 'no-store').header('Location', error.location()).send();
    return;
  }
  if (error instanceof ErrorPage) {
    const body = `<h1>${escapeHtml(error.title)}</h1><p class="error" role="alert">${escapeHtml(error.explanation)}</p>
<p>Error code: <code>${escapeHtml(error.code)}</code></p>`;
    void reply.status(error.status).headers({ ...HTML_PAGE_HEADERS, ...error.headers }).send(htmlPage(error.title, body));
    return;
  }
  const oauthError = toOAuthError(error);
  if (oauthError.status >= 500) {
    logger.error({ err: error, reqId: request.id, detail: oauthError.detail }, 'request failed');
  } else if (oauthError.detail) {
    logger.warn({ reqId: request.id, code: oauthError.code, detail: oauthError.detail }, 'request rejected');
  }
  if (isBrowserPage(request, pathPrefix)) {
    // A person in a browser gets a page, and no redirect: whatever failed here came before the client
    // and its redirect URI were verified (verified failures are AuthorizationRedirectErrors).
    const page = oauthError.status >= 500
      ? new ErrorPage('Service unavailable', 'Sign-in is unavailable right now. Please try again in a moment.', oauthError.status, oauthError.code, oauthError.headers)
      : new ErrorPage('Request not accepted', oauthError.description ?? 'The request is malformed.', oauthError.status, oauthError.code, oauthError.headers);
    renderError(page, request, reply, logger, pathPrefix);
    return;
  }
  void reply
    .status(oauthError.status)
    .headers({ 'Cache-Control': 'no-store', Pragma: 'no-cache', ...oauthError.headers })
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(oauthError.toJSON()));
}

/**
 * What Node's HTTP parser rejects before a request exists (headers over the size limit, a malformed request
 * line or header value), as the raw HTTP/1.1 response to write on the socket: the same JSON shape as every
 * other error. The connection is closed after it, since the parser cannot tell where the next request starts.
 */
export function clientErrorResponse(error: { code?: string }): string {
  const oauthError =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? withStatus(new OAuthError('invalid_request', 'The request line and headers are too large'), 431)
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? withStatus(new OAuthError('invalid_request', 'The request did not arrive in time'), 408)
        : new OAuthError('invalid_request', 'The request is malformed');
  const body = JSON.stringify(oauthError.toJSON());
  return [
    `HTTP/1.1 ${oauthError.status} ${STATUS_CODES[oauthError.status]}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

// SQLSTATE 22021 (bad byte sequence, e.g. NUL), 22P02 (invalid text representation), 22001 (too long):
// input that slipped past validation is still the caller's fault, not a server error.
const INPUT_SQLSTATES = new Set(['22021', '22P02', '22001']);

function isInputRejectedByDatabase(error: unknown): boolean {
  const candidate = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = candidate?.driverError?.code ?? candidate?.code;
  return typeof code === 'string' && INPUT_SQLSTATES.has(code);
}

const BROWSER_PAGES = ['/oauth2/authorize', '/oauth2/consent', '/oauth2/logout', '/login', '/device'];

function isBrowserPage(request: FastifyRequest, pathPrefix: string): boolean {
  const path = request.url.split('?')[0];
  return BROWSER_PAGES.some((page) => path === `${pathPrefix}${page}` || path.startsWith(`${pathPrefix}${page}/`));
}

export function toOAuthError(error: unknown): OAuthError {
  if (error instanceof OAuthError) return error;
  if (error instanceof HttpException) return fromHttpException(error);
  if (isDatabaseUnavailable(error)) return new ServiceUnavailable(String((error as Error).message));
  if (isInputRejectedByDatabase(error)) return new OAuthError('invalid_request', 'A parameter is malformed', String((error as Error).message));
  const fastifyError = fromFastifyError(error as { code?: string });
  if (fastifyError) return fastifyError;
  return new OAuthError('server_error', 'An unexpected error occurred', error instanceof Error ? error.message : String(error));
}
