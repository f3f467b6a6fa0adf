import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { noteOAuthError } from '../observability/request-outcome';
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
 * Logs what an error needs an operator to see: failures with their stack, refusals with their detail (the
 * precise reason that the answer never carries). Returns the error as the OAuth error it is answered with.
 */
export function logError(error: unknown, request: FastifyRequest, logger: ErrorLogger): OAuthError {
  const oauthError = toOAuthError(error);
  noteOAuthError(request, oauthError.code);
  if (oauthError.status >= 500) {
    logger.error({ err: error, reqId: request.id, detail: oauthError.detail }, 'request failed');
  } else if (oauthError.detail) {
    logger.warn({ reqId: request.id, code: oauthError.code, detail: oauthError.detail }, 'request rejected');
  }
  return oauthError;
}

/**
 * Turns anything thrown into a safe JSON answer (RFC 6749 §5.2 shape): the one place API errors are
 * rendered. The pages a person sees render their own errors (libs/interaction).
 */
export function renderError(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: ErrorLogger): void {
  if (reply.sent) return;
  const oauthError = logError(error, request, logger);
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

export function toOAuthError(error: unknown): OAuthError {
  if (error instanceof OAuthError) return error;
  if (error instanceof HttpException) return fromHttpException(error);
  if (isDatabaseUnavailable(error)) return new ServiceUnavailable(String((error as Error).message));
  if (isInputRejectedByDatabase(error)) return new OAuthError('invalid_request', 'A parameter is malformed', String((error as Error).message));
  const fastifyError = fromFastifyError(error as { code?: string });
  if (fastifyError) return fastifyError;
  return new OAuthError('server_error', 'An unexpected error occurred', error instanceof Error ? error.message : String(error));
}
