import { de } from './messages/de/index';
import { en } from './messages/en/index';
import type { Locale } from './locales';

/** Every message key; English is the reference catalogue. */
export type MessageKey = keyof typeof en;
/** A catalogue of another language: every key of English, checked by the compiler. */
export type Catalogue = Record<MessageKey, string>;

export const CATALOGUES: Record<Locale, Catalogue> = { en, de };
