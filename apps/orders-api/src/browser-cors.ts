import type { FastifyInstance } from 'fastify';

/**
 * CORS for browser apps that call this API directly with a bearer token (a single-page app on its own
 * origin). Only the listed origins get the headers; no cookies are involved, so credentials stay off.
 * The preflight is answered here, before the bearer guard, since a browser sends it without the token.
 */
export function registerBrowserCors(fastify: FastifyInstance, origins: readonly string[]): void {
  const allowed = new Set(origins);
  fastify.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (origin === undefined || !allowed.has(origin)) return;
    void reply.header('Access-Control-Allow-Origin', origin).header('Vary', 'Origin');
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined) {
      await reply
        .status(204)
        .header('Access-Control-Allow-Methods', 'GET, POST')
        .header('Access-Control-Allow-Headers', 'Authorization, Content-Type, DPoP')
        .header('Access-Control-Max-Age', '600')
        .send();
      return reply;
    }
    // RFC 6750 §3 and RFC 9449 §8: the browser app must be able to read why a token was refused.
    void reply.header('Access-Control-Expose-Headers', 'WWW-Authenticate, DPoP-Nonce');
  });
}

/** CORS_ORIGINS: exact origins (`scheme://host[:port]`), comma-separated. */
export function parseCorsOrigins(value: string): string[] {
  return value
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '')
    .map((origin) => {
      const parsed = URL.canParse(origin) ? new URL(origin) : undefined;
      if (parsed === undefined || !['http:', 'https:'].includes(parsed.protocol)) throw new Error(`CORS_ORIGINS: ${origin} is not an origin`);
      if (parsed.origin !== origin) throw new Error(`CORS_ORIGINS: ${origin} is not an origin (write it as ${parsed.origin})`);
      return origin;
    });
}
