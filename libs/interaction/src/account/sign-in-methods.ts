import type { AuthLevel } from '@app/core';
import type { MessageKey } from '../i18n/catalogues';
import { pageTranslator } from '../i18n/page-context';

/** RFC 8176 method values in words a person understands. */
const METHOD_NAMES: Readonly<Record<string, MessageKey>> = {
  pwd: 'method.pwd',
  otp: 'method.otp',
  hwk: 'method.hwk',
  swk: 'method.swk',
  user: 'method.user',
  pin: 'method.pin',
  mfa: 'method.mfa',
  fed: 'method.fed',
};

const LEVEL_NAMES: Readonly<Record<AuthLevel, MessageKey>> = {
  pwd: 'level.pwd',
  mfa: 'level.mfa',
  phr: 'level.phr',
};

/** Unknown values stay as they are: a method we have no words for is still worth showing. */
export function methodsInWords(amr: readonly string[]): string {
  const t = pageTranslator();
  return amr.map((method) => (Object.hasOwn(METHOD_NAMES, method) ? t.t(METHOD_NAMES[method]) : method)).join(', ');
}

export function levelInWords(acr: AuthLevel): string {
  return Object.hasOwn(LEVEL_NAMES, acr) ? pageTranslator().t(LEVEL_NAMES[acr]) : acr;
}
