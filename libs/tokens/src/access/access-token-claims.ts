import type { JWTPayload } from 'jose';

/** The claims of one of our access tokens (RFC 9068 §2.2), JWT or reference token alike. */
export interface AccessTokenClaims extends JWTPayload {
  iss: string;
  sub: string;
  aud: string | string[];
  client_id: string;
  scope: string;
  jti: string;
  iat: number;
  exp: number;
  /** The grant the token was issued from, by which it is revoked with it. */
  gid?: string;
  auth_time?: number;
  sid?: string;
}
