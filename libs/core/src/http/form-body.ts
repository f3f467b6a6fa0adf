import type { FastifyRequest } from 'fastify';
import { InvalidRequest, InvalidTarget } from '../errors/oauth-error';

export type FormParams = Readonly<Record<string, string>>;

const MAX_PARAMETERS = 50;

/**
 * The parameters of an `application/x-www-form-urlencoded` POST, as required by RFC 6749 §3.2 for the
 * token endpoint (and RFC 7009, 7662, 8628 for theirs). A parameter sent twice is rejected (§3.1).
 */
export function readFormBody(request: FastifyRequest): FormParams {
  // The guard, the strategy and the controller all read the same body: parse it once per request.
  let params = parsedBodies.get(request);
  if (!params) {
    params = parseFormBody(request);
    parsedBodies.set(request, params);
  }
  return params;
}

const parsedBodies = new WeakMap<FastifyRequest, FormParams>();

function parseFormBody(request: FastifyRequest): FormParams {
  const contentType = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (contentType !== 'application/x-www-form-urlencoded') {
    throw new InvalidRequest('The request body must be application/x-www-form-urlencoded');
  }
  const body = request.body;
  if (body === undefined || body === null || body === '') return {};
  if (typeof body !== 'object') throw new InvalidRequest('The request body could not be parsed');
  const entries = Object.entries(body as Record<string, unknown>);
  if (entries.length > MAX_PARAMETERS) throw new InvalidRequest('Too many parameters');
  const params: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (Array.isArray(value)) throw repeatedParameter(name);
    if (typeof value !== 'string') throw new InvalidRequest(`The parameter ${name} is malformed`);
    // `code[]` or `code[a]` means an array or object to other parsers (qs, PHP); refuse rather than guess.
    if (name.includes('[') || name.includes(']')) throw new InvalidRequest('Nested parameters are not accepted');
    // NUL is in no OAuth parameter's syntax and cannot be stored in PostgreSQL text.
    if (value.includes('\u0000') || name.includes('\u0000')) throw new InvalidRequest(`The parameter ${name} contains a NUL character`);
    // RFC 6749 §3.1: parameters sent without a value are treated as omitted.
    if (value !== '') params[name] = value;
  }
  return params;
}

/**
 * RFC 6749 §3.1: request and response parameters MUST NOT be included more than once. `resource` is the
 * exception (RFC 8707 §2 allows several); a token here serves one resource, and §2 answers a set of
 * resources the server cannot serve together with invalid_target.
 */
export function repeatedParameter(name: string): InvalidRequest | InvalidTarget {
  if (name === 'resource') return new InvalidTarget('A token can be issued for one resource at a time');
  return new InvalidRequest(`The parameter ${name} was sent more than once`);
}

/** Query parameters of a GET (authorization endpoint), with the same duplicate rule. */
export function readQuery(request: FastifyRequest): FormParams {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    if (Array.isArray(value)) throw repeatedParameter(name);
    if (typeof value === 'string' && value.includes('\u0000')) throw new InvalidRequest(`The parameter ${name} contains a NUL character`);
    if (typeof value === 'string' && value !== '') params[name] = value;
  }
  return params;
}
