import { bearerChallenge, type ChallengeOptions, type HeadersLike } from './bearer';
import { type DpopRequestParts, extractAccessToken, verifyPresentation } from './dpop/presented-token';
import { isResourceServerError, type ResourceServerError } from './errors';
import { assertAuthentication, type AuthenticationRequirement } from './authentication';
import { assertScopes } from './scopes';
import type { TokenVerifier } from './verifier';
import type { VerifiedToken } from './verified-token';

/**
 * Anything with request headers: node:http, Express and Fastify requests all qualify. Method and URL are
 * what DPoP proofs are checked against.
 */
export interface RequestLike extends DpopRequestParts {
  headers: HeadersLike;
}

/** A request after the middleware accepted it. */
export interface AuthenticatedRequest extends RequestLike {
  auth: VerifiedToken;
}

/** The node:http ServerResponse subset the middleware writes to (Express responses extend it). */
export interface ResponseLike {
  statusCode: number;
  readonly headersSent?: boolean;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}

export type NextFunction = (error?: unknown) => void;

export interface VerifyRequestOptions {
  /** Scopes the token must all carry. */
  scopes?: readonly string[];
  /** RFC 9470: the level (`acr`) and recentness (`maxAge`, seconds) of the person's authentication. */
  authentication?: AuthenticationRequirement;
  /** Clock in epoch milliseconds for `maxAge`; defaults to `Date.now`. */
  now?: () => number;
}

export interface BearerMiddlewareOptions extends VerifyRequestOptions, ChallengeOptions {}

/**
 * Extracts, verifies and scope-checks the bearer token of a request. Throws a ResourceServerError
 * (render it with `bearerChallenge`) when the request must be refused.
 */
export async function verifyRequest(
  verifier: TokenVerifier,
  request: RequestLike,
  options: VerifyRequestOptions = {},
): Promise<VerifiedToken> {
  const verified = await verifyPresentation(verifier.dpop, request, extractAccessToken(request.headers), (token) => verifier.verify(token));
  if (options.scopes !== undefined && options.scopes.length > 0) assertScopes(verified, options.scopes);
  // After the scopes: a token lacking a scope cannot be fixed by signing in again.
  if (options.authentication !== undefined) assertAuthentication(verified, options.authentication, (options.now ?? Date.now)());
  return verified;
}

/**
 * Express-style middleware `(req, res, next)`. Accepted requests get the result in `req.auth`;
 * refused ones are answered with the RFC 6750 status, challenge and body. Unexpected errors go to `next`.
 */
export function createBearerMiddleware(
  verifier: TokenVerifier,
  options: BearerMiddlewareOptions = {},
): (request: RequestLike, response: ResponseLike, next: NextFunction) => void {
  return (request, response, next) => {
    verifyRequest(verifier, request, options).then(
      (verified) => {
        (request as AuthenticatedRequest).auth = verified;
        next();
      },
      (error: unknown) => {
        if (isResourceServerError(error)) writeBearerChallenge(response, error, options);
        else next(error);
      },
    );
  };
}

/** Writes the RFC 6750 response for `error` on a node:http-compatible response. */
export function writeBearerChallenge(response: ResponseLike, error: ResourceServerError, options: ChallengeOptions = {}): void {
  if (response.headersSent === true) {
    response.end();
    return;
  }
  const challenge = bearerChallenge(error, options);
  response.statusCode = challenge.status;
  for (const [name, value] of Object.entries(challenge.headers)) response.setHeader(name, value);
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Cache-Control', 'no-store');
  response.end(JSON.stringify(challenge.body));
}
