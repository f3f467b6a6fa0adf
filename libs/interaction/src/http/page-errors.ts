import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OAuthError } from '@app/core';
import type { ResponseMode } from '../authorize/response-type';

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
    /** The request's response_mode: errors go back the way a success would (Form Post Response Mode §2). */
    readonly responseMode: ResponseMode = 'query',
  ) {
    super(oauthError.message);
    this.name = 'AuthorizationRedirectError';
  }

  /** The error response's parameters, with RFC 9207 `iss` (which server answered, against mix-up attacks). */
  parameters(): Record<string, string | undefined> {
    return { error: this.oauthError.code, error_description: this.oauthError.description, state: this.state, iss: this.issuer };
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
    /** A technical detail in English (an OAuth error_description), shown under a translated explanation. */
    readonly detail?: string,
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
