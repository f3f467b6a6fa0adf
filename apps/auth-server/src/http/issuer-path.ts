import { RequestMethod } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@app/core';
import { ServerMetadataService } from '@app/grants';

/** RFC 8414 §3: the well-known segment every authorization server metadata URL starts with. */
export const AUTHORIZATION_SERVER_METADATA_PATH = '/.well-known/oauth-authorization-server';

/**
 * Routes that stay at the root of the host when the issuer has a path: orchestration probes are
 * configured once per deployment and should not change with the issuer.
 */
const ROOT_ROUTES = [
  { path: 'health/live', method: RequestMethod.GET },
  { path: 'health/ready', method: RequestMethod.GET },
];

/**
 * An issuer with a path (`https://id.example.com/tenant-a`) is served natively: every Nest route moves under
 * that path, so the URLs discovery advertises (`endpoint()`) are the ones that answer. Routes registered on
 * Fastify directly (console, OpenAPI) add `config.pathPrefix` themselves.
 */
export function serveUnderIssuerPath(app: NestFastifyApplication, config: AppConfig): void {
  if (!config.pathPrefix) return;
  app.setGlobalPrefix(config.pathPrefix, { exclude: ROOT_ROUTES });
  registerRootMetadataRoute(app, config);
}

/**
 * RFC 8414 §3: for an issuer with a path, the metadata lives at the root of the host with the well-known
 * segment inserted before the path: `/.well-known/oauth-authorization-server/tenant-a`. (The OpenID form,
 * `/tenant-a/.well-known/openid-configuration`, is an ordinary route under the prefix.)
 */
function registerRootMetadataRoute(app: NestFastifyApplication, config: AppConfig): void {
  const metadata = app.get(ServerMetadataService);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get(rootMetadataPath(config), async (_request, reply) =>
    reply.header('Cache-Control', 'public, max-age=300').type('application/json; charset=utf-8').send(metadata.metadata()),
  );
}

/** Where RFC 8414 clients look for this issuer's metadata. */
export function rootMetadataPath(config: AppConfig): string {
  return `${AUTHORIZATION_SERVER_METADATA_PATH}${config.pathPrefix}`;
}
