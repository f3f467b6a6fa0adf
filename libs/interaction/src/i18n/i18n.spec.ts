import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { CATALOGUES, MessageKey } from './catalogues';
import { localeFromAcceptLanguage, localeFromUiLocales, SUPPORTED_LOCALES } from './locales';
import { translatorFor } from './translator';

/**
 * The arguments a message uses, at any depth (inside plural and select branches too), each with its kind
 * (`count:plural`, `name:argument`): a translation that writes a count as a plain `{count}` loses its plurals.
 */
function argumentsOf(elements: MessageFormatElement[], names = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    names.add(`${element.value}:${TYPE[element.type]}`);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, names);
    }
  }
  return names;
}

describe('choosing the language', () => {
  it('takes the first ui_locales tag we have, by BCP 47 lookup', () => {
    expect(localeFromUiLocales('fr-CA de-CH en')).toBe('de');
    expect(localeFromUiLocales('en-GB')).toBe('en');
    expect(localeFromUiLocales('de')).toBe('de');
  });

  it('ignores ui_locales with no language we have, malformed tags, and other types', () => {
    expect(localeFromUiLocales('fr ja')).toBeUndefined();
    expect(localeFromUiLocales('de_DE!! ')).toBeUndefined();
    expect(localeFromUiLocales(['de'])).toBeUndefined();
    expect(localeFromUiLocales('')).toBeUndefined();
  });

  it('follows Accept-Language quality values', () => {
    expect(localeFromAcceptLanguage('fr;q=1, de-AT;q=0.8, en;q=0.5')).toBe('de');
    expect(localeFromAcceptLanguage('en-US,en;q=0.9,de;q=0.8')).toBe('en');
    expect(localeFromAcceptLanguage('ja')).toBeUndefined();
    expect(localeFromAcceptLanguage(undefined)).toBeUndefined();
  });
});

describe('catalogues', () => {
  const keys = Object.keys(CATALOGUES.en) as MessageKey[];

  it.each(SUPPORTED_LOCALES.filter((locale) => locale !== 'en'))('%s has every English message, with the same arguments', (locale) => {
    for (const key of keys) {
      const message = CATALOGUES[locale][key];
      expect({ key, type: typeof message }).toEqual({ key, type: 'string' });
      const expected = [...argumentsOf(parse(CATALOGUES.en[key], { ignoreTag: true }))].sort();
      expect({ key, names: [...argumentsOf(parse(message, { ignoreTag: true }))].sort() }).toEqual({ key, names: expected });
    }
  });

  it('uses no markup but the tags a page means (so html() may leave message text unescaped)', () => {
    for (const locale of SUPPORTED_LOCALES) {
      for (const key of keys) {
        const text = CATALOGUES[locale][key].replace(/<\/?(strong|code|em)>/g, '');
        expect({ locale, key, unsafe: /[<>&]/.test(text) }).toEqual({ locale, key, unsafe: false });
      }
    }
  });
});

describe('Translator', () => {
  it('escapes the values of an HTML message but keeps its own tags', () => {
    expect(translatorFor('en').html('signedInAs.username', { username: '<b>ada</b>' })).toBe('Signed in as <strong>&lt;b&gt;ada&lt;/b&gt;</strong>.');
  });

  it('formats in the locale it was made for', () => {
    const when = new Date(Date.UTC(2026, 11, 3, 14, 5));
    expect(translatorFor('de').t('common.allow')).toBe('Erlauben');
    expect(translatorFor('de').number(1234.5)).toBe('1.234,5');
    // ICU versions differ in the space before "PM" (U+0020 or U+202F).
    expect(translatorFor('de').date(when)).toBe('3. Dez. 2026, 14:05 UTC');
    expect(translatorFor('en').date(when)).toMatch(/^Dec 3, 2026, 2:05\s?PM UTC$/u);
  });
});
