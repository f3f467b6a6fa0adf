/**
 * `value` as literal text inside a LIKE / ILIKE pattern: `%`, `_` and the escape character `\` (PostgreSQL's
 * default) lose their meaning, so a search for "50%" does not match everything starting with "50".
 */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}
