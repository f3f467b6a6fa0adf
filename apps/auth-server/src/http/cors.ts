import type { FastifyInstance } from 'fastify';

/**
 * Endpoints a browser app on another origin calls directly (token, userinfo, revocation, discovery, JWKS,
 * device authorization). None of them relies on cookies, so any origin may call them without credentials;
 * the pages a person uses (authorize, login, consent) are navigations and get no CORS headers.
 */
const CORS_PATHS = new Set([
  '/oauth2/token',
  '/oauth2/userinfo',
  '/oauth2/revoke',
  '/oauth2/jwks',
  '/oauth2/device_authorization',
  '/.well-known/openid-configuration',
  '/.well-known/oauth-authorization-server',
]);

export function registerCors(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (!request.headers.origin) return;
    const path = request.url.split('?')[0];
    if (!CORS_PATHS.has(path)) return;
    void reply.header('Access-Control-Allow-Origin', '*');
    if (request.method === 'OPTIONS') {
      await reply
        .status(204)
        .header('Access-Control-Allow-Methods', 'GET, POST')
        .header('Access-Control-Allow-Headers', 'Authorization, Content-Type, DPoP')
        .header('Access-Control-Max-Age', '600')
        .send();
      return reply;
    }
    void reply.header('Access-Control-Expose-Headers', 'WWW-Authenticate');
  });
}
