/** Back-Channel Logout 1.0 §2.4: the event that makes a JWT a Logout Token. */
export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** Back-Channel Logout 1.0 §2.4 recommends a lifetime of at most two minutes. */
export const LOGOUT_TOKEN_TTL_SECONDS = 120;

export interface LogoutTokenInput {
  issuer: string;
  clientId: string;
  /** The person's subject, as in their ID tokens. */
  subject: string;
  /** The ended session's id: the `sid` of its ID tokens. */
  sessionId: string;
  /** The delivery's jti: the same on every attempt. */
  jti: string;
  /** Now, in seconds since the epoch. */
  now: number;
}

/**
 * The claims of a Logout Token (Back-Channel Logout 1.0 §2.4): `sub` and `sid` both, since we support
 * sessions (§2.1 backchannel_logout_session_supported), the logout event, and never a `nonce` (§2.4).
 */
export function logoutTokenClaims(input: LogoutTokenInput): Record<string, unknown> {
  return {
    iss: input.issuer,
    aud: input.clientId,
    iat: input.now,
    exp: input.now + LOGOUT_TOKEN_TTL_SECONDS,
    jti: input.jti,
    sub: input.subject,
    sid: input.sessionId,
    events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
  };
}
