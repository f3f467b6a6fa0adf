import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorLogger, logError, OAuthError, OAuthErrorCode } from '@app/core';
import { ERROR_SCHEMA } from '../schema/scim-schemas';

/** RFC 7644 §3.12 Table 9: the detail error keywords. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

const CODE_OF_STATUS: Record<number, OAuthErrorCode> = { 400: 'invalid_request', 403: 'access_denied', 404: 'not_found', 409: 'conflict' };

/**
 * A SCIM refusal. It is an OAuthError so the one error path logs it like any other; the SCIM routes render
 * it in the RFC 7644 shape instead of RFC 6749's.
 */
export class ScimError extends OAuthError {
  constructor(
    status: 400 | 403 | 404 | 409 | 412,
    readonly scimType: ScimType | undefined,
    description: string,
  ) {
    super(CODE_OF_STATUS[status] ?? 'invalid_request', description);
    Object.defineProperty(this, 'status', { value: status });
  }

  static invalid(scimType: ScimType, description: string): ScimError {
    return new ScimError(400, scimType, description);
  }
}

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

/** Fastify's own refusals of a body that is not JSON. */
const SYNTAX_ERRORS = new Set(['FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY']);

/** Errors from the rest of the server (GroupService, UserService), in SCIM's words. */
function scimTypeOf(original: unknown, error: OAuthError): ScimType | undefined {
  if (error instanceof ScimError) return error.scimType;
  // Nest may wrap the body parser's error; its cause keeps the code.
  const candidate = original as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = candidate?.code ?? candidate?.cause?.code;
  if (original instanceof SyntaxError || (typeof code === 'string' && SYNTAX_ERRORS.has(code))) return 'invalidSyntax';
  if (error.code === 'conflict') return 'uniqueness';
  if (error.status === 400) return 'invalidValue';
  return undefined;
}

/** RFC 7644 §3.12: the error body, with the challenge headers of a 401 or 403 kept. */
export function renderScimError(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: ErrorLogger): void {
  if (reply.sent) return;
  const oauthError = logError(error, request, logger);
  const scimType = scimTypeOf(error, oauthError);
  const body: Record<string, unknown> = { schemas: [ERROR_SCHEMA], status: String(oauthError.status) };
  if (scimType) body.scimType = scimType;
  if (oauthError.description) body.detail = oauthError.description;
  void reply
    .status(oauthError.status)
    .headers({ 'Cache-Control': 'no-store', ...oauthError.headers })
    .type(SCIM_CONTENT_TYPE)
    .send(JSON.stringify(body));
}

/** The requests the SCIM service answers, errors included. */
export function isScimRequest(request: FastifyRequest, pathPrefix: string): boolean {
  const path = request.url.split('?')[0];
  const base = `${pathPrefix}/scim/v2`;
  return path === base || path.startsWith(`${base}/`);
}
