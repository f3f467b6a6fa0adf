import type { FastifyRequest } from 'fastify';

const OAUTH_ERROR = Symbol('oauthError');

type WithOutcome = FastifyRequest & { [OAUTH_ERROR]?: string };

/**
 * The error renderer notes the OAuth error code a request was answered with, so the response hook counts it
 * under the route's template without the renderer knowing about metrics.
 */
export function noteOAuthError(request: FastifyRequest, code: string): void {
  (request as WithOutcome)[OAUTH_ERROR] = code;
}

export function oauthErrorOf(request: FastifyRequest): string | undefined {
  return (request as WithOutcome)[OAUTH_ERROR];
}
