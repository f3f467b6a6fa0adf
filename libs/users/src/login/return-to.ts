/**
 * Where to go after signing in: only a path on this server, starting with a single `/` (not `//host` or
 * `/\host`, which browsers read as another origin). Anything else goes to `/`.
 */
export function safeReturnTo(value: string | undefined): string {
  if (!value || value.length > 2000) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // Control characters and backslashes can be normalized by browsers into something else.
  if (/[\x00-\x1f\x7f\\]/.test(value)) return '/';
  try {
    const base = 'http://return-to.invalid';
    if (new URL(value, base).origin !== base) return '/';
  } catch {
    return '/';
  }
  return value;
}
