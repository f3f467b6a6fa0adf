import { type AuthenticationShortfall, InsufficientUserAuthenticationError } from './errors';
import type { VerifiedToken } from './verified-token';

/**
 * What a route asks of the person's authentication (RFC 9470 §3), beyond a valid token and its scopes.
 * `acr`: levels of which the token's `acr` must be one, or rank at least as high as one of them;
 * `maxAge`: seconds since the person last authenticated (`auth_time`) at most.
 */
export interface AuthenticationRequirement {
  acr?: readonly string[];
  maxAge?: number;
}

/**
 * The levels of a Meridian authorization server, weakest first: a password, two factors, a phishing-resistant
 * factor. Kept here rather than imported, since this package is used outside the server's code base.
 */
const LEVEL_RANK: Readonly<Record<string, number>> = { pwd: 0, mfa: 1, phr: 2 };

/** Whether `achieved` meets one of `accepted`: the same value, or a known level ranking at least as high. */
export function acrSatisfies(achieved: string | undefined, accepted: readonly string[]): boolean {
  if (accepted.length === 0) return true;
  if (achieved === undefined) return false;
  if (accepted.includes(achieved)) return true;
  const rank = LEVEL_RANK[achieved];
  if (rank === undefined) return false;
  return accepted.some((value) => LEVEL_RANK[value] !== undefined && rank >= LEVEL_RANK[value]);
}

/**
 * Why the token falls short, or undefined when it meets `requirement`. The challenge then names the whole
 * requirement, so the client's next authorization request asks for everything at once.
 */
export function unmetAuthentication(
  verified: Pick<VerifiedToken, 'acr' | 'authTime'>,
  requirement: AuthenticationRequirement,
  nowMs: number,
): AuthenticationShortfall | undefined {
  const acr = requirement.acr ?? [];
  const tooWeak = !acrSatisfies(verified.acr, acr);
  // A token without auth_time cannot show how recent the sign-in is, so it never meets a max_age.
  const maxAge = requirement.maxAge;
  const tooOld = maxAge !== undefined && (verified.authTime === undefined || Math.floor(nowMs / 1000) - verified.authTime > maxAge);
  if (!tooWeak && !tooOld) return undefined;
  return { tooWeak, tooOld, ...(acr.length > 0 ? { acrValues: [...acr] } : {}), ...(maxAge !== undefined ? { maxAge } : {}) };
}

/** Throws InsufficientUserAuthenticationError (401, RFC 9470 §3) unless the token meets `requirement`. */
export function assertAuthentication(
  verified: Pick<VerifiedToken, 'acr' | 'authTime'>,
  requirement: AuthenticationRequirement,
  nowMs: number = Date.now(),
): void {
  const unmet = unmetAuthentication(verified, requirement, nowMs);
  if (unmet) throw new InsufficientUserAuthenticationError(unmet);
}
