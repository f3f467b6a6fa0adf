// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

export function isScopeToken(value: string): boolean {
  return SCOPE_TOKEN.test(value);
}

/** Splits a space-delimited scope string into unique tokens; undefined for malformed input. */
export function parseScope(scope: string | undefined): string[] | undefined {
  if (scope === undefined) return [];
  // RFC 6749 §3.3: tokens are separated by single spaces.
  const tokens = scope.split(' ');
  if (tokens.some((token) => !isScopeToken(token))) return undefined;
  return [...new Set(tokens)];
}
