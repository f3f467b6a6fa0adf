import Negotiator from 'negotiator';
import { match } from '@formatjs/intl-localematcher';
import { DEFAULT_LOCALE, Locale, SUPPORTED_LOCALES } from '@app/core';

export { DEFAULT_LOCALE, SUPPORTED_LOCALES };
export type { Locale };

/**
 * The best supported locale for an OIDC `ui_locales` value (OIDC Core §3.1.2.1: space-separated BCP 47
 * tags, most preferred first), or undefined when none is supported or the value is malformed.
 */
export function localeFromUiLocales(value: unknown): Locale | undefined {
  if (typeof value !== 'string' || value.length > 200) return undefined;
  const tags = value.split(' ').filter((tag) => tag !== '' && isLanguageTag(tag));
  if (!tags.length) return undefined;
  const chosen = match(tags, SUPPORTED_LOCALES, '', { algorithm: 'lookup' });
  return isSupported(chosen) ? chosen : undefined;
}

/** The best supported locale for an Accept-Language header (RFC 9110 §12.5.4), or undefined. */
export function localeFromAcceptLanguage(header: unknown): Locale | undefined {
  if (typeof header !== 'string' || header === '') return undefined;
  const [best] = new Negotiator({ headers: { 'accept-language': header } }).languages([...SUPPORTED_LOCALES]);
  return isSupported(best) ? best : undefined;
}

export function isSupported(value: unknown): value is Locale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/** Intl.getCanonicalLocales throws on what BCP 47 does not allow (and the matcher would too). */
function isLanguageTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}
