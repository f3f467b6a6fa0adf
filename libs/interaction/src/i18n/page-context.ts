import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyRequest } from 'fastify';
import { readCookie } from '@app/core';
import { DEFAULT_LOCALE, isSupported, Locale, localeFromAcceptLanguage, localeFromUiLocales } from './locales';
import { Translator, translatorFor } from './translator';

/**
 * The language of the page being answered, chosen once per request and only when a page asks for it:
 * OIDC `ui_locales` on this request, then the one an authorization request asked for earlier (the
 * locale cookie), then Accept-Language, then English.
 */
export class PageContext {
  private chosen?: Translator;

  constructor(
    private readonly request: FastifyRequest,
    private readonly localeCookie: string,
  ) {}

  get translator(): Translator {
    return (this.chosen ??= translatorFor(this.locale()));
  }

  /** Answers this request in `locale` (a pushed authorization request's ui_locales, known only later). */
  use(locale: Locale): void {
    this.chosen = translatorFor(locale);
  }

  /** The `ui_locales` of this request's query, when it names a language we have. */
  requestedLocale(): Locale | undefined {
    return localeFromUiLocales((this.request.query as Record<string, unknown> | undefined)?.ui_locales);
  }

  private locale(): Locale {
    const remembered = readCookie(this.request, this.localeCookie);
    return (
      this.requestedLocale() ??
      (isSupported(remembered) ? remembered : undefined) ??
      localeFromAcceptLanguage(this.request.headers['accept-language']) ??
      DEFAULT_LOCALE
    );
  }
}

const storage = new AsyncLocalStorage<PageContext>();
const PAGE_CONTEXT = Symbol('pageContext');

/** Runs `next` with the request's page context current (see registerPageContext). */
export function runInPageContext(request: FastifyRequest, context: PageContext, next: () => void): void {
  (request as unknown as Record<symbol, PageContext>)[PAGE_CONTEXT] = context;
  storage.run(context, next);
}

/** The request's page context when it is a page request, whether or not it is current. */
export function pageContextOf(request: FastifyRequest): PageContext | undefined {
  return (request as unknown as Record<symbol, PageContext | undefined>)[PAGE_CONTEXT];
}

/** The page context current in this async call chain, if any. */
export function currentPageContext(): PageContext | undefined {
  return storage.getStore();
}

/** The translator of the page being answered; English outside a page request (mail sent by a job, tests). */
export function pageTranslator(): Translator {
  return storage.getStore()?.translator ?? translatorFor(DEFAULT_LOCALE);
}

/**
 * Runs `render` with the request's page context current: for what runs outside the request's own async
 * chain, such as Fastify's error handler for a body the form parser refused.
 */
export function inPageContextOf<T>(request: FastifyRequest, render: () => T): T {
  const context = pageContextOf(request);
  return context && storage.getStore() !== context ? storage.run(context, render) : render();
}
