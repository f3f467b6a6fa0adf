import { IntlMessageFormat, PrimitiveType } from 'intl-messageformat';
import { escapeHtml } from '../http/escape-html';
import { CATALOGUES, MessageKey } from './catalogues';
import { DEFAULT_LOCALE, Locale, SUPPORTED_LOCALES } from './locales';

export type MessageValues = Record<string, PrimitiveType>;

/**
 * One language's messages (ICU message format), formatted for that locale. Formats are parsed once per
 * message and kept: the catalogues are small and fixed.
 */
export class Translator {
  private readonly formats = new Map<MessageKey, IntlMessageFormat>();
  private readonly dates: Intl.DateTimeFormat;
  private readonly numbers: Intl.NumberFormat;

  constructor(readonly locale: Locale) {
    // The server knows no time zone of the person: times are in UTC, and say so, rather than in the server's zone unsaid.
    this.dates = new Intl.DateTimeFormat(locale, {
      year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short',
    });
    this.numbers = new Intl.NumberFormat(locale);
  }

  /** The message as plain text: escape it (escapeHtml) where it goes into a page. */
  t(key: MessageKey, values?: MessageValues): string {
    return String(this.format(key).format(values));
  }

  /**
   * The message as HTML: its values are escaped, its own text is not, so a catalogue message may hold the
   * few tags the page means it to (`<strong>`); catalogue text is ours, values are anybody's.
   */
  html(key: MessageKey, values: MessageValues = {}): string {
    const escaped: MessageValues = {};
    for (const [name, value] of Object.entries(values)) escaped[name] = typeof value === 'string' ? escapeHtml(value) : value;
    return String(this.format(key).format(escaped));
  }

  /** A date and time the way the person's locale writes them, in UTC ("Dec 3, 2026, 2:05 PM UTC"). */
  date(value: Date): string {
    return this.dates.format(value);
  }

  number(value: number): string {
    return this.numbers.format(value);
  }

  private format(key: MessageKey): IntlMessageFormat {
    let format = this.formats.get(key);
    if (!format) {
      const message = CATALOGUES[this.locale][key] ?? CATALOGUES[DEFAULT_LOCALE][key];
      // Tags stay text: messages carry plain HTML, not ICU rich-text placeholders.
      format = new IntlMessageFormat(message, this.locale, undefined, { ignoreTag: true });
      this.formats.set(key, format);
    }
    return format;
  }
}

const translators = new Map<Locale, Translator>(SUPPORTED_LOCALES.map((locale) => [locale, new Translator(locale)]));

export function translatorFor(locale: Locale): Translator {
  return translators.get(locale)!;
}
