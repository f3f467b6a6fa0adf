import { InsufficientScopeError } from './errors';
import type { VerifiedToken } from './verified-token';

/** Required scopes the token does not carry (exact, case-sensitive match per RFC 6749 §3.3). */
export function missingScopes(verified: Pick<VerifiedToken, 'scopes'>, required: readonly string[]): string[] {
  return [...new Set(required)].filter((scope) => !verified.scopes.includes(scope));
}

export function hasScopes(verified: Pick<VerifiedToken, 'scopes'>, required: readonly string[]): boolean {
  return missingScopes(verified, required).length === 0;
}

/** Throws InsufficientScopeError naming the missing scopes unless the token has all of `required`. */
export function assertScopes(verified: Pick<VerifiedToken, 'scopes'>, required: readonly string[]): void {
  const missing = missingScopes(verified, required);
  if (missing.length > 0) throw new InsufficientScopeError([...new Set(required)], missing);
}
