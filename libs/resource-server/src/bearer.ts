import {
  InsufficientScopeError,
  InsufficientUserAuthenticationError,
  InvalidRequestError,
  MissingTokenError,
  type ResourceServerError,
} from './errors';
import { DPOP_ALGORITHMS } from './dpop/dpop-proof';

/** Node/Express/Fastify header objects, or a fetch `Headers` instance. */
export type HeadersLike = Readonly<Record<string, string | readonly string[] | undefined>> | { get(name: string): string | null };

export interface ChallengeOptions {
  /** Protection space named in the challenge (RFC 6750 §3). Default "api". */
  realm?: string;
  /** RFC 9728 §5.1: the URL of this resource's metadata, sent as `resource_metadata` in every challenge. */
  resourceMetadata?: string;
}

export interface BearerChallengeBody {
  /** RFC 6750 §3.1 error code; absent when the request simply carried no token. */
  error?: string;
  error_description: string;
}

export interface BearerChallenge {
  status: 400 | 401 | 403 | 503;
  headers: Record<string, string>;
  body: BearerChallengeBody;
}

export const DEFAULT_REALM = 'api';

// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const BEARER_CREDENTIALS = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
const SCHEME = /^([A-Za-z0-9!#$%&'*+\-.^_`|~]+)(?: |$)/;

/**
 * Reads the access token from `Authorization: Bearer <token>` (RFC 6750 §2.1), the only method this
 * package accepts. No credentials, or credentials of another scheme, mean "no token" (401 with a
 * bare challenge); anything else that is not exactly one well-formed token is `invalid_request`.
 */
export function extractBearerToken(headers: HeadersLike): string {
  const value = readAuthorization(headers);
  if (value === undefined || value.trim() === '') throw new MissingTokenError();
  const authorization = value.trim();

  const scheme = SCHEME.exec(authorization)?.[1];
  if (scheme === undefined) throw new InvalidRequestError('The Authorization header is malformed');
  if (scheme.toLowerCase() !== 'bearer') throw new MissingTokenError();

  const match = BEARER_CREDENTIALS.exec(authorization);
  if (match?.[1] === undefined) {
    throw new InvalidRequestError('The Authorization header must carry exactly one bearer token');
  }
  return match[1];
}

function readAuthorization(headers: HeadersLike): string | undefined {
  if (typeof headers.get === 'function') {
    return (headers as { get(name: string): string | null }).get('authorization') ?? undefined;
  }
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  const value = record['authorization'] ?? findCaseInsensitive(record, 'authorization');
  if (value === undefined || typeof value === 'string') return value;
  // Several Authorization headers: RFC 6750 §3.1 calls more than one credential an invalid request.
  if (value.length === 1) return value[0];
  if (value.length === 0) return undefined;
  throw new InvalidRequestError('The request carries more than one Authorization header');
}

function findCaseInsensitive(
  record: Readonly<Record<string, string | readonly string[] | undefined>>,
  name: string,
): string | readonly string[] | undefined {
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() === name) return record[key];
  }
  return undefined;
}

/**
 * Renders an error as the RFC 6750 §3 response: status, WWW-Authenticate challenge and JSON body.
 * This is the only place where that mapping lives; the Nest guard and the middleware both use it.
 */
export function bearerChallenge(error: ResourceServerError, options: ChallengeOptions = {}): BearerChallenge {
  const realm = quotedStringContent(options.realm ?? DEFAULT_REALM);
  const metadata = options.resourceMetadata === undefined ? '' : `, resource_metadata="${quotedStringContent(options.resourceMetadata)}"`;
  const description = errorDescriptionContent(error.description);

  if (error.status === 503) {
    // Not a verdict on the token, so no challenge; RFC 6749 §4.1.2.1 names the condition.
    return {
      status: 503,
      headers: {},
      body: { error: 'temporarily_unavailable', error_description: description },
    };
  }

  if (error instanceof MissingTokenError || error.errorCode === undefined) {
    // RFC 6750 §3.1: a request without authentication gets a challenge without an error code.
    return {
      status: 401,
      headers: { 'WWW-Authenticate': `Bearer realm="${realm}"${metadata}` },
      body: { error_description: description },
    };
  }

  const attributes = [`realm="${realm}"`, `error="${error.errorCode}"`, `error_description="${description}"`];
  if (error instanceof InsufficientScopeError) {
    // RFC 6750 §3: `scope` lists the scopes needed to access the resource.
    attributes.push(`scope="${scopeContent(error.requiredScopes)}"`);
  }
  if (error instanceof InsufficientUserAuthenticationError) {
    // RFC 9470 §3: acr_values (space-separated, by preference) and max_age say what a new token needs.
    if (error.acrValues !== undefined && error.acrValues.length > 0) attributes.push(`acr_values="${scopeContent(error.acrValues)}"`);
    if (error.maxAge !== undefined) attributes.push(`max_age="${Math.max(0, Math.floor(error.maxAge))}"`);
  }
  // RFC 9449 §7.1: a DPoP challenge names the algorithms proofs may use.
  if (error.challengeScheme === 'DPoP') attributes.push(`algs="${DPOP_ALGORITHMS.join(' ')}"`);
  return {
    status: error.status,
    headers: { 'WWW-Authenticate': `${error.challengeScheme} ${attributes.join(', ')}${metadata}` },
    body: { error: error.errorCode, error_description: description },
  };
}

// RFC 6750 §3: error_description is limited to %x20-21 / %x23-5B / %x5D-7E (no '"' nor '\').
function errorDescriptionContent(value: string): string {
  return value.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '');
}

// RFC 9110 §5.6.4 quoted-string: keep it printable and drop what would need escaping.
function quotedStringContent(value: string): string {
  return value.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '');
}

// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
function scopeContent(scopes: readonly string[]): string {
  return scopes
    .map((scope) => scope.replace(/[^\x21\x23-\x5b\x5d-\x7e]/g, ''))
    .filter((scope) => scope !== '')
    .join(' ');
}
