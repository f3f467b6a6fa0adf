const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True for a syntactically valid uuid. PostgreSQL fails a query that compares a uuid column with any other
 * text, so ids from a request are checked first and an invalid one is answered as not found.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
