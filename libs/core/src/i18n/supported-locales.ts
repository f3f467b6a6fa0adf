/**
 * The languages the person-facing pages and mails are written in (discovery's `ui_locales_supported`);
 * the first is the fallback.
 */
export const SUPPORTED_LOCALES = ['en', 'de'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
