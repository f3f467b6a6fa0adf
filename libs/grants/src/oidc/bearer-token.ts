import type { FastifyRequest } from 'fastify';
import { InvalidRequest, OAuthError } from '@app/core';
import { DPOP_ALGORITHMS } from '@app/tokens';

const BEARER = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * RFC 6750 §2.1 (header) or §2.2 (form body of a POST); exactly one method. A request with no token at all
 * gets a bare challenge without an error code (§3.1).
 */
export function readBearerToken(request: FastifyRequest, realm: string): string {
  const header = request.headers.authorization;
  const body = request.method === 'POST' && request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
  const fromBody = body.access_token;
  if (Array.isArray(fromBody)) throw new InvalidRequest('access_token was sent more than once');
  if (header !== undefined && fromBody !== undefined) throw new InvalidRequest('Use only one way of sending the access token');
  if (typeof fromBody === 'string' && fromBody !== '') return fromBody;
  const match = BEARER.exec(header?.trim() ?? '');
  if (match) return match[1];
  const error = new OAuthError('invalid_token', 'A bearer access token is required');
  // RFC 9449 §7.1: both schemes are offered, DPoP with the algorithms its proofs may use.
  error.withHeader('WWW-Authenticate', `Bearer realm="${realm}", DPoP algs="${DPOP_ALGORITHMS.join(' ')}"`);
  throw error;
}
