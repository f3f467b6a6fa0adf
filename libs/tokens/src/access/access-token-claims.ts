import type { JWTPayload } from 'jose';

/**
 * The person's `groups` and `roles` (RFC 9068 §2.2.3.1), present only when the grant's scopes asked for
 * them. Worked out by the grant; the token only carries them.
 */
export interface PersonClaimValues {
  groups?: string[];
  roles?: string[];
}

/** The claims of one of our access tokens (RFC 9068 §2.2), JWT or reference token alike. */
export interface AccessTokenClaims extends JWTPayload, PersonClaimValues {
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
  /** RFC 9068 §2.2.1: the level of the authentication the grant started from (pwd, mfa, phr). */
  acr?: string;
  /** RFC 9068 §2.2.1 with RFC 8176: the methods of that authentication. */
  amr?: string[];
  sid?: string;
  /** RFC 9449 §6.1: the thumbprint of the key the token is bound to; a DPoP proof with that key must go with it. */
  cnf?: { jkt: string };
  /** RFC 8693 §4.1: who acts for `sub`, nested for each earlier exchange in the chain. */
  act?: ActorClaim;
}

/** RFC 8693 §4.1 `act`: the current actor, and in `act` the actor before it. */
export interface ActorClaim {
  sub: string;
  act?: ActorClaim;
}

/** How the person authenticated; absent for tokens without a person or from before levels were recorded. */
export interface AuthenticationClaimValues {
  acr?: string | null;
  amr?: readonly string[] | null;
}

/** Only the `acr` and `amr` that are known, so an unknown level shows no key rather than an empty one. */
export function presentAuthenticationClaims(values: AuthenticationClaimValues | undefined): { acr?: string; amr?: string[] } {
  const present: { acr?: string; amr?: string[] } = {};
  if (values?.acr) present.acr = values.acr;
  if (values?.amr && values.amr.length > 0) present.amr = [...values.amr];
  return present;
}

/** Only the person claims that are there, so a token without them carries no empty keys. */
export function presentPersonClaims(claims: PersonClaimValues | undefined): PersonClaimValues {
  const present: PersonClaimValues = {};
  if (claims?.groups) present.groups = [...claims.groups];
  if (claims?.roles) present.roles = [...claims.roles];
  return present;
}
