import { extractBearerToken, type HeadersLike } from '../bearer';
import { InvalidTokenError, isResourceServerError, MissingTokenError } from '../errors';
import type { VerifiedToken } from '../verified-token';
import type { DpopRequest, DpopVerifier } from './dpop-verifier';

// RFC 9449 §7.1: the DPoP scheme carries the token as token68, like Bearer.
const DPOP_CREDENTIALS = /^DPoP +([A-Za-z0-9\-._~+/]+=*)$/i;

/** The parts of a request DPoP needs: Express (`originalUrl`), Fastify and node:http requests all have them. */
export interface DpopRequestParts {
  headers: HeadersLike;
  method?: string;
  url?: string;
  originalUrl?: string;
  protocol?: string;
}

/** The access token of a request, by the scheme it came with. */
export function extractAccessToken(headers: HeadersLike): { token: string; scheme: 'Bearer' | 'DPoP' } {
  const match = DPOP_CREDENTIALS.exec(header(headers, 'authorization')?.trim() ?? '');
  if (match?.[1] !== undefined) return { token: match[1], scheme: 'DPoP' };
  return { token: extractBearerToken(headers), scheme: 'Bearer' };
}

/**
 * RFC 9449 §7.1: a DPoP token needs a valid proof of the key its `cnf.jkt` names; §7.2: a token bound to a
 * key presented as a bearer token is refused. Errors of a DPoP request are challenged with the DPoP scheme.
 */
export async function verifyPresentation(
  dpop: DpopVerifier,
  request: DpopRequestParts,
  presented: { token: string; scheme: 'Bearer' | 'DPoP' },
  verify: (token: string) => Promise<VerifiedToken>,
): Promise<VerifiedToken> {
  if (presented.scheme === 'Bearer') {
    const verified = await verify(presented.token);
    if (boundKeyOf(verified) !== undefined) throw asDpop(new InvalidTokenError('The access token is bound to a DPoP key; present it with the DPoP scheme'));
    return verified;
  }
  try {
    const proofKey = await dpop.verify(dpopRequestOf(request), presented.token);
    const verified = await verify(presented.token);
    if (boundKeyOf(verified) !== proofKey) throw new InvalidTokenError('The access token is not bound to the key of the DPoP proof');
    return verified;
  } catch (error) {
    throw isResourceServerError(error) && !(error instanceof MissingTokenError) ? asDpop(error) : error;
  }
}

/** RFC 9449 §6: `cnf.jkt` of a JWT access token or of an introspection answer. */
function boundKeyOf(verified: VerifiedToken): string | undefined {
  const cnf = verified.claims.cnf as { jkt?: unknown } | undefined;
  return typeof cnf === 'object' && cnf !== null && typeof cnf.jkt === 'string' ? cnf.jkt : undefined;
}

function asDpop<T extends { challengeScheme: 'Bearer' | 'DPoP' }>(error: T): T {
  error.challengeScheme = 'DPoP';
  return error;
}

function dpopRequestOf(request: DpopRequestParts): DpopRequest {
  return {
    method: request.method ?? 'GET',
    url: request.originalUrl ?? request.url ?? '/',
    host: header(request.headers, 'host'),
    protocol: request.protocol,
    proof: rawHeader(request.headers, 'dpop'),
  };
}

function header(headers: HeadersLike, name: string): string | undefined {
  const value = rawHeader(headers, name);
  return Array.isArray(value) ? value[0] : (value as string | undefined);
}

function rawHeader(headers: HeadersLike, name: string): string | string[] | undefined {
  if (typeof headers.get === 'function') return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return value === undefined || typeof value === 'string' ? value : [...value];
}
