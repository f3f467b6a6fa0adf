import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';

/** The value of one cookie of the request, or undefined (RFC 6265 §5.4 `Cookie` header). */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0) continue;
    if (pair.slice(0, separator).trim() !== name) continue;
    const value = pair.slice(separator + 1).trim();
    // Our cookie values are base64url; anything else was not set by us.
    return /^[\w-]{1,200}$/.test(value) ? value : undefined;
  }
  return undefined;
}

export interface CookieOptions {
  secure: boolean;
  /** Seconds; undefined means a browser-session cookie, 0 deletes it. */
  maxAge?: number;
}

/** Appends a Set-Cookie: HttpOnly, SameSite=Lax, Path=/, Secure when served over TLS. */
export function setCookie(reply: FastifyReply, name: string, value: string, options: CookieOptions): void {
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (options.secure) parts.push('Secure');
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  const existing = reply.getHeader('set-cookie');
  const all = existing === undefined ? [] : ([] as string[]).concat(existing as string | string[]);
  void reply.header('set-cookie', [...all, parts.join('; ')]);
}

/** What a cookie's name depends on: whether it can be Secure, and the issuer path it belongs to. */
export interface CookieScope {
  secureCookies: boolean;
  /** The issuer's path ('' for an issuer at the root of its host), AppConfig.pathPrefix. */
  pathPrefix: string;
}

/**
 * The name of one of our cookies for the issuer `scope`.
 *
 * A `__Host-` name when the cookie can be Secure: the browser then refuses it from subdomains or with a
 * Domain attribute (RFC 6265bis §4.1.3.2). Over plain http (local development) the prefix is impossible.
 *
 * Issuers with paths on one host (`https://id.example/tenant-a`, `/tenant-b`) share the browser's cookie
 * jar, and `__Host-` cookies must have `Path=/`: each such issuer gets a name of its own, suffixed with a
 * digest of its path, so signing in at one tenant neither replaces nor reads another tenant's cookies.
 */
export function cookieName(base: string, scope: CookieScope): string {
  const name = scope.pathPrefix ? `${base}_${issuerPathTag(scope.pathPrefix)}` : base;
  return scope.secureCookies ? `__Host-${name}` : name;
}

/** A short cookie-name-safe tag of an issuer path (a path may hold characters a cookie name may not). */
function issuerPathTag(pathPrefix: string): string {
  return createHash('sha256').update(pathPrefix).digest('base64url').slice(0, 12);
}
