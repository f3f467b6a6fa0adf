import { createHash } from 'node:crypto';
import { constantTimeEqual } from '@app/core';

export type PkceMethod = 'S256' | 'plain';
export const PKCE_METHODS: readonly PkceMethod[] = ['S256', 'plain'];

// RFC 7636 §4.1 / §4.2: 43-128 characters from the unreserved set.
const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;

export function isValidPkceValue(value: string): boolean {
  return PKCE_VALUE.test(value);
}

export interface StoredChallenge {
  codeChallenge: string | null;
  codeChallengeMethod: PkceMethod | null;
}

/**
 * RFC 7636 §4.6: whether `verifier` proves possession for the challenge stored with the code. A code
 * issued without a challenge must be redeemed without a verifier (a verifier there is a downgrade attempt,
 * RFC 9700 §2.1.1), and a code with a challenge needs one.
 */
export function verifyPkce(stored: StoredChallenge, verifier: string | undefined): boolean {
  if (!stored.codeChallenge) return verifier === undefined;
  if (verifier === undefined || !isValidPkceValue(verifier)) return false;
  if (stored.codeChallengeMethod === 'S256') {
    // RFC 7636 §4.6: BASE64URL(SHA256(ASCII(code_verifier))) must equal code_challenge.
    return constantTimeEqual(createHash('sha256').update(verifier, 'ascii').digest('base64url'), stored.codeChallenge);
  }
  if (stored.codeChallengeMethod === 'plain') return constantTimeEqual(verifier, stored.codeChallenge);
  return false;
}
