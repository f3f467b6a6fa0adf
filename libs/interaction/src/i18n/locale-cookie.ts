import type { FastifyReply } from 'fastify';
import { CookieScope, cookieName, setCookie } from '@app/core';
import type { Locale } from './locales';

/**
 * The language an authorization request asked for with `ui_locales`, kept for the browser session so the
 * sign-in, second-factor and consent pages that follow it keep that language (as Keycloak does).
 */
export function localeCookieName(scope: CookieScope): string {
  return cookieName('locale', scope);
}

export function rememberLocale(reply: FastifyReply, scope: CookieScope, locale: Locale): void {
  setCookie(reply, localeCookieName(scope), locale, { secure: scope.secureCookies });
}
