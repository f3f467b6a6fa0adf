import type { AuthLevel } from '@app/core';

/** RFC 8176 method values in words a person understands. */
const METHOD_NAMES: Readonly<Record<string, string>> = {
  pwd: 'password',
  otp: 'one-time code',
  hwk: 'security key',
  swk: 'passkey',
  user: 'user presence',
  pin: 'PIN',
  mfa: 'several factors',
  fed: 'another provider',
};

const LEVEL_NAMES: Readonly<Record<AuthLevel, string>> = {
  pwd: 'Password',
  mfa: 'Two factors',
  phr: 'Phishing-resistant',
};

export function methodsInWords(amr: readonly string[]): string {
  return amr.map((method) => METHOD_NAMES[method] ?? method).join(', ');
}

export function levelInWords(acr: AuthLevel): string {
  return LEVEL_NAMES[acr] ?? acr;
}
