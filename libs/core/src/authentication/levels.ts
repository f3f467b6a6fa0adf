/**
 * Authentication levels, the `acr` values this server speaks (discovery `acr_values_supported`):
 * `pwd` a password alone, `mfa` two factors, `phr` phishing-resistant (a passkey or security key, whose
 * assertion is bound to our origin). Each level satisfies the ones below it.
 */
export const ACR_VALUES = ['pwd', 'mfa', 'phr'] as const;
export type AuthLevel = (typeof ACR_VALUES)[number];

/** RFC 8176 authentication method references. */
export type AuthMethod = 'pwd' | 'otp' | 'hwk' | 'swk' | 'user' | 'pin' | 'mfa';

/** The RFC 8176 values an upstream provider's `amr` may carry into our sessions. */
export const KNOWN_METHODS: readonly string[] = ['pwd', 'otp', 'hwk', 'swk', 'user', 'pin', 'mfa', 'sms', 'tel', 'fpt', 'face', 'sc', 'kba'];

const RANK: Record<AuthLevel, number> = { pwd: 0, mfa: 1, phr: 2 };

export function isAuthLevel(value: unknown): value is AuthLevel {
  return typeof value === 'string' && (ACR_VALUES as readonly string[]).includes(value);
}

export function satisfies(achieved: AuthLevel, required: AuthLevel): boolean {
  return RANK[achieved] >= RANK[required];
}

export function higherOf(a: AuthLevel, b: AuthLevel): AuthLevel {
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * The level that the methods used prove, never more: two factors (`mfa`, see combineMethods) are `mfa`,
 * and phishing-resistant when one of them is a key-bound assertion (hwk/swk): a passkey with user
 * verification, or a security key after a password.
 */
export function levelOf(amr: readonly string[]): AuthLevel {
  const keyBound = amr.includes('hwk') || amr.includes('swk');
  if (keyBound && amr.includes('mfa')) return 'phr';
  return amr.includes('mfa') ? 'mfa' : 'pwd';
}

/** The methods of a session after another one succeeded: each once, `mfa` once two factors are proven. */
export function combineMethods(previous: readonly string[], added: readonly string[]): string[] {
  const methods = [...new Set([...previous, ...added])].filter((method) => method !== 'mfa');
  const factors = new Set(methods.map(factorCategory).filter((category) => category !== undefined));
  const verifiedKey = added.includes('mfa') || previous.includes('mfa');
  return factors.size >= 2 || verifiedKey ? [...methods, 'mfa'] : methods;
}

/** Something known (password), something held (a code generator, a key, a phone), something one is. */
function factorCategory(method: string): 'knowledge' | 'possession' | 'inherence' | undefined {
  if (method === 'pwd' || method === 'kba') return 'knowledge';
  if (['otp', 'hwk', 'swk', 'sms', 'tel', 'sc'].includes(method)) return 'possession';
  if (method === 'fpt' || method === 'face') return 'inherence';
  return undefined;
}
