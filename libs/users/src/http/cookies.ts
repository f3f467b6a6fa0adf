import type { FastifyReply, FastifyRequest } from 'fastify';

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

/**
 * A `__Host-` name when the cookie can be Secure: the browser then refuses it from subdomains or with a
 * Domain attribute (RFC 6265bis §4.1.3.2). Over plain http (local development) the prefix is impossible.
 */
export function cookieName(base: string, secure: boolean): string {
  return secure ? `__Host-${base}` : base;
}
