const BASE = 'http://return-to.invalid';
const MAX_LENGTH = 2000;

/**
 * Where to go after signing in: only a path of this issuer (under `pathPrefix`, AppConfig.pathPrefix),
 * starting with a single `/` (not `//host` or `/\host`, which browsers read as another origin). Anything
 * else goes to the issuer's root path: another application may share the host under another path.
 *
 * The path comes back as the URL parser serializes it: non-ASCII percent-encoded (a `Location` header
 * holds only ASCII, and Node refuses to send anything else) and dot segments resolved, so the prefix check
 * applies to where the browser will really go (`/tenant-a/../x` is `/x`).
 */
export function safeReturnTo(value: string | undefined, pathPrefix = ''): string {
  const home = `${pathPrefix}/`;
  if (!value || value.length > MAX_LENGTH) return home;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return home;
  // Control characters and backslashes can be normalized by browsers into something else.
  if (/[\x00-\x1f\x7f\\]/.test(value)) return home;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return home;
  }
  if (url.origin !== BASE) return home;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Resolving dot segments can leave `//` at the start (`/..//evil.example`): a network-path reference.
  if (path.startsWith('//') || path.length > MAX_LENGTH) return home;
  if (pathPrefix && !path.startsWith(home)) return home;
  return path;
}
