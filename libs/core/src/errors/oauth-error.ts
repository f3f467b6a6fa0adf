/** Every error code this server answers with, from RFC 6749, 6750, 7009, 8628, 8707, 9449 and OIDC Core. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'invalid_target'
  | 'unsupported_token_type'
  | 'unsupported_response_type'
  | 'access_denied'
  | 'authorization_pending'
  | 'slow_down'
  | 'expired_token'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'login_required'
  | 'consent_required'
  | 'interaction_required'
  | 'unmet_authentication_requirements'
  | 'request_not_supported'
  | 'request_uri_not_supported'
  | 'invalid_client_metadata'
  | 'invalid_redirect_uri'
  | 'invalid_dpop_proof'
  | 'use_dpop_nonce'
  | 'not_found'
  | 'conflict'
  | 'too_many_requests'
  | 'temporarily_unavailable'
  | 'server_error';

/** One status per code; a code without a status is a compile error. */
export const OAUTH_ERROR_STATUS: Record<OAuthErrorCode, number> = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unauthorized_client: 400,
  unsupported_grant_type: 400,
  invalid_scope: 400,
  invalid_target: 400,
  unsupported_token_type: 400,
  unsupported_response_type: 400,
  access_denied: 400,
  authorization_pending: 400,
  slow_down: 400,
  expired_token: 400,
  invalid_token: 401,
  insufficient_scope: 403,
  login_required: 400,
  consent_required: 400,
  interaction_required: 400,
  unmet_authentication_requirements: 400,
  request_not_supported: 400,
  request_uri_not_supported: 400,
  invalid_client_metadata: 400,
  invalid_redirect_uri: 400,
  invalid_dpop_proof: 400,
  use_dpop_nonce: 400,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
  temporarily_unavailable: 503,
  server_error: 500,
};

/**
 * An error with two channels: `description` is safe to show the client, `detail` goes to the log only.
 */
export class OAuthError extends Error {
  readonly status: number;
  /** Extra response headers (WWW-Authenticate, Retry-After). */
  readonly headers: Record<string, string> = {};
  /** Field-level problems for admin API validation errors. */
  fields?: Record<string, string>;

  /** Safe to show the client; echoed input is reduced to the characters RFC 6749 allows here. */
  readonly description?: string;

  constructor(
    readonly code: OAuthErrorCode,
    description?: string,
    readonly detail?: string,
  ) {
    super(description ?? code);
    this.name = 'OAuthError';
    this.description = description === undefined ? undefined : toErrorDescription(description);
    this.status = OAUTH_ERROR_STATUS[code];
  }

  withHeader(name: string, value: string): this {
    this.headers[name] = value;
    return this;
  }

  toJSON(): Record<string, unknown> {
    const body: Record<string, unknown> = { error: this.code };
    if (this.description) body.error_description = this.description;
    if (this.fields) body.fields = this.fields;
    return body;
  }
}

/**
 * RFC 6749 §5.2 and §4.1.2.1: error_description holds only %x20-21 / %x23-5B / %x5D-7E. Descriptions that
 * echo a parameter (an unknown grant type, a resource) could carry anything else, so double quotes and
 * backslashes become their nearest allowed look-alike and every other character outside the set becomes "?".
 */
export function toErrorDescription(text: string): string {
  return text.replace(/"/g, "'").replace(/\\/g, '/').replace(/[^\x20-\x7e]/g, '?');
}

export class InvalidRequest extends OAuthError {
  constructor(description: string, detail?: string) {
    super('invalid_request', description, detail);
  }

  /** One field of an admin API body is wrong: the description names it, `fields` carries it to the console. */
  static forField(field: string, message: string): InvalidRequest {
    const error = new InvalidRequest(`${field}: ${message}`);
    error.fields = { [field]: message };
    return error;
  }
}

export class InvalidClient extends OAuthError {
  /** RFC 6749 §5.2: a 401 with a challenge matching the scheme the client tried. */
  constructor(description = 'Client authentication failed', scheme?: 'Basic', detail?: string) {
    super('invalid_client', description, detail);
    if (scheme) this.withHeader('WWW-Authenticate', `${scheme} realm="oauth2", charset="UTF-8"`);
  }
}

/** What every invalid_grant answer says (RFC 6749 §5.2 lists these causes under one code). */
export const INVALID_GRANT_DESCRIPTION = 'The grant is invalid, expired, revoked or was issued to another client';

export class InvalidGrant extends OAuthError {
  /**
   * `reason` (expired, another client, a replay, a PKCE mismatch...) goes to the log only: telling the
   * caller which check failed would help whoever holds a stolen or guessed code.
   */
  constructor(reason: string) {
    super('invalid_grant', INVALID_GRANT_DESCRIPTION, reason);
  }
}

export class UnauthorizedClient extends OAuthError {
  constructor(description: string) {
    super('unauthorized_client', description);
  }
}

export class UnsupportedGrantType extends OAuthError {
  constructor(description: string) {
    super('unsupported_grant_type', description);
  }
}

export class InvalidScope extends OAuthError {
  constructor(description: string) {
    super('invalid_scope', description);
  }
}

export class InvalidTarget extends OAuthError {
  constructor(description: string) {
    super('invalid_target', description);
  }
}

export class AccessDenied extends OAuthError {
  constructor(description = 'The request was denied') {
    super('access_denied', description);
  }
}

export class AuthorizationPending extends OAuthError {
  constructor() {
    super('authorization_pending', 'The authorization request is still pending');
  }
}

export class SlowDown extends OAuthError {
  constructor() {
    super('slow_down', 'Polling too fast; wait longer between requests');
  }
}

export class ExpiredToken extends OAuthError {
  constructor(description = 'The device code has expired') {
    super('expired_token', description);
  }
}

export class InvalidToken extends OAuthError {
  constructor(description = 'The access token is invalid') {
    super('invalid_token', description);
    this.withHeader('WWW-Authenticate', `Bearer error="invalid_token", error_description="${description}"`);
  }
}

export class InsufficientScope extends OAuthError {
  constructor(scope: string) {
    super('insufficient_scope', `The token lacks the scope ${scope}`);
    this.withHeader('WWW-Authenticate', `Bearer error="insufficient_scope", scope="${scope}"`);
  }
}

export class NotFound extends OAuthError {
  constructor(description: string) {
    super('not_found', description);
  }
}

export class Conflict extends OAuthError {
  constructor(description: string) {
    super('conflict', description);
  }
}

export class InvalidClientMetadata extends OAuthError {
  constructor(description: string, fields?: Record<string, string>) {
    super('invalid_client_metadata', description);
    this.fields = fields;
  }
}

export class InvalidRedirectUri extends OAuthError {
  constructor(description: string, fields?: Record<string, string>) {
    super('invalid_redirect_uri', description);
    this.fields = fields;
  }
}

export class ServiceUnavailable extends OAuthError {
  constructor(detail?: string) {
    super('temporarily_unavailable', 'The service is temporarily unavailable', detail);
    this.withHeader('Retry-After', '5');
  }
}
