import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OAuthError } from '@app/core';

/**
 * An authorization-endpoint error whose client and redirect URI were verified: it is sent back to the
 * client as a redirect carrying `error` and `state` (RFC 6749 §4.1.2.1).
 */
export class AuthorizationRedirectError extends Error {
  constructor(
    readonly oauthError: OAuthError,
    readonly redirectUri: string,
    readonly state: string | undefined,
    readonly issuer: string,
  ) {
    super(oauthError.message);
    this.name = 'AuthorizationRedirectError';
  }

  location(): string {
    const url = new URL(this.redirectUri);
    url.searchParams.set('error', this.oauthError.code);
    if (this.oauthError.description) url.searchParams.set('error_description', this.oauthError.description);
    if (this.state !== undefined) url.searchParams.set('state', this.state);
    // RFC 9207: the issuer identifies which server answered, against mix-up attacks.
    url.searchParams.set('iss', this.issuer);
    return url.toString();
  }
}

/**
 * An error shown to the person in the browser as an HTML page: used whenever the client or the redirect URI
 * cannot be trusted, so no redirect may be made (RFC 6749 §4.1.2.1, RFC 9700 §4.11).
 */
export class ErrorPage extends Error {
  constructor(
    readonly title: string,
    readonly explanation: string,
    readonly status = 400,
    readonly code = 'invalid_request',
    /** Extra response headers, such as Retry-After on a 503. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(explanation);
    this.name = 'ErrorPage';
  }
}

/**
 * A form submission the page answers by showing its form again (a failed sign-in with its one generic
 * message, an expired form), rendered by the page that knows the form.
 */
export class FormRejected extends Error {
  constructor(
    readonly reason: string,
    readonly showFormAgain: (request: FastifyRequest, reply: FastifyReply) => Promise<void>,
  ) {
    super(reason);
    this.name = 'FormRejected';
  }
}
