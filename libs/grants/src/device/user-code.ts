import { randomInt } from 'node:crypto';

/** RFC 8628 §6.1: 20 consonants, no vowels (no words) and no look-alikes; 20^8 ≈ 2^34.6 codes. */
export const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
export const USER_CODE_LENGTH = 8;

/** A new user code in its normalized form (8 letters, no dash). */
export function generateUserCode(): string {
  let code = '';
  for (let index = 0; index < USER_CODE_LENGTH; index++) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return code;
}

/**
 * What the person typed, normalized: case-insensitive, dash and spaces optional (RFC 8628 §6.1).
 * Undefined when it cannot be one of our codes, so no lookup is spent on it.
 */
export function normalizeUserCode(input: string | undefined): string | undefined {
  if (!input || input.length > 32) return undefined;
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== USER_CODE_LENGTH) return undefined;
  for (const char of code) if (!USER_CODE_ALPHABET.includes(char)) return undefined;
  return code;
}

/** The form shown to people: `XXXX-XXXX`. */
export function formatUserCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
