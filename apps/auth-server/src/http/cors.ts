import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '@app/core';
import { rootMetadataPath } from './issuer-path';

/**
 * Endpoints a browser app on another origin calls directly (token, userinfo, revocation, discovery, JWKS,
 * device authorization, pushed authorization requests), relative to the issuer's path. None of them relies on cookies, so any origin may
 * call them without credentials; the pages a person uses (authorize, login, consent) are navigations and
 * get no CORS headers.
 */
const CORS_PATHS = [
  '/oauth2/token',
  '/oauth2/userinfo',
  '/oauth2/revoke',
  '/oauth2/jwks',
  '/oauth2/device_authorization',
  '/oauth2/par',
  '/.well-known/openid-configuration',
  '/.well-known/oauth-authorization-server',
];

/** The request paths that get CORS headers: the endpoints under the issuer's path, and the RFC 8414 metadata at the root. */
export function corsPaths(config: AppConfig): Set<string> {
  const paths = new Set(CORS_PATHS.map((path) => config.localPath(path)));
  paths.add(rootMetadataPath(config));
  return paths;
}

export function registerCors(fastify: FastifyInstance, config: AppConfig): void {
  const allowed = corsPaths(config);
  fastify.addHook('onRequest', async (request, reply) => {
    if (!request.headers.origin) return;
    const path = request.url.split('?')[0];
    if (!allowed.has(path)) return;
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
    // RFC 9449 §8: a browser client must be able to read the nonce it is asked to use.
    void reply.header('Access-Control-Expose-Headers', 'WWW-Authenticate, DPoP-Nonce');
  });
}
