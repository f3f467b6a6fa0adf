/**
 * Where the console is served from, found at runtime: `/console` under a root issuer, `/tenant-a/console`
 * under `ISSUER=https://id.example.com/tenant-a`. The build is made for `/console/` (vite `base`) and the
 * server moves the page's own script and style references under the issuer's path, so every route, history
 * entry and redirect the console makes is built from this instead of `import.meta.env.BASE_URL`.
 */

/** The console's own segment, the last one of its base (the build-time base without its trailing slash). */
export const CONSOLE_SEGMENT = import.meta.env.BASE_URL.replace(/\/$/, '');

/**
 * The base found from where the entry script was loaded: the build keeps its scripts in `{base}/assets/`,
 * and the server serves them there, so this holds whatever the issuer's path is (even one that has a
 * `console` segment of its own). Not available in development, where modules load from their sources.
 */
function baseFromScript(scriptUrl: string | undefined): string | undefined {
  if (!scriptUrl) return undefined;
  const path = new URL(scriptUrl).pathname;
  const at = path.lastIndexOf('/assets/');
  const base = at >= 0 ? path.slice(0, at) : undefined;
  return base?.endsWith(CONSOLE_SEGMENT) ? base : undefined;
}

/** The base found from the page's address: everything up to and including the first `/console` segment. */
export function baseFromPath(pathname: string): string {
  const segment = new RegExp(`${escape(CONSOLE_SEGMENT)}(?=/|$)`).exec(pathname);
  return segment ? pathname.slice(0, segment.index + CONSOLE_SEGMENT.length) : CONSOLE_SEGMENT;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

let base: string | undefined;

/** The console's base path without a trailing slash, e.g. `/tenant-a/console`; computed once per page. */
export function consoleBase(): string {
  base ??= (import.meta.env.DEV ? undefined : baseFromScript(import.meta.url)) ?? baseFromPath(window.location.pathname);
  return base;
}

/** The path of a console route, e.g. `consolePath('/applications')` → `/tenant-a/console/applications`. */
export function consolePath(route: string): string {
  return `${consoleBase()}${route}`;
}

/** The route of the page inside the console, e.g. `/applications/abc` (`/` at the console's root). */
export function consoleRoute(location: Location = window.location): string {
  const prefix = consoleBase();
  const route = location.pathname.startsWith(prefix) ? location.pathname.slice(prefix.length) : location.pathname;
  return route === '' ? '/' : route;
}

/** The issuer is the console's origin and base minus the console's own segment (the server may sit under a path). */
export function issuerFromLocation(location: Location = window.location): string {
  return `${location.origin}${consoleBase().slice(0, -CONSOLE_SEGMENT.length)}`;
}
