/**
 * Where to go after signing in: only a path of this issuer (under `pathPrefix`, AppConfig.pathPrefix),
 * starting with a single `/` (not `//host` or `/\host`, which browsers read as another origin). Anything
 * else goes to the issuer's root path: another application may share the host under another path.
 */
export function safeReturnTo(value: string | undefined, pathPrefix = ''): string {
  const home = `${pathPrefix}/`;
  if (!value || value.length > 2000) return home;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return home;
  if (pathPrefix && !value.startsWith(home)) return home;
  // Control characters and backslashes can be normalized by browsers into something else.
  if (/[\x00-\x1f\x7f\\]/.test(value)) return home;
  try {
    const base = 'http://return-to.invalid';
    if (new URL(value, base).origin !== base) return home;
  } catch {
    return home;
  }
  return value;
}
