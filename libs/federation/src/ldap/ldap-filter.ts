/**
 * RFC 4515 §3: in a filter's string form, `*`, `(`, `)`, `\` and NUL inside an assertion value must be
 * written as `\` and two hex digits. Anything else may stand as it is, UTF-8 included (`UTFMB`); non-ASCII
 * is left as is on purpose, because ldapts reads each `\XX` as one character, not one byte, so escaping
 * the bytes of `é` would send `Ã©`.
 */
export function escapeFilterValue(value: string): string {
  let escaped = '';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    escaped += char === '*' || char === '(' || char === ')' || char === '\\' || code === 0 ? `\\${code.toString(16).padStart(2, '0')}` : char;
  }
  return escaped;
}

/**
 * The administrator's filter with the placeholder replaced by the escaped value. split/join, not
 * String.replace, so `$&` and friends in the value mean nothing.
 */
export function fillFilter(template: string, placeholder: '{username}' | '{dn}', value: string): string {
  return template.split(placeholder).join(escapeFilterValue(value));
}

/** The filter matching every person: the placeholder becomes a wildcard (for the directory sync). */
export function everyoneFilter(template: string): string {
  return template.split('{username}').join('*');
}
