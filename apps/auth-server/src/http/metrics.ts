import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, bearerMatches, Metrics, recordHttpMetrics } from '@app/core';

/**
 * Counts every request, and with METRICS_TOKEN serves GET /metrics on the main port to bearers of that
 * token. Like the health probes it stays at the root of the host whatever the issuer's path. Without the
 * token the route does not exist, so the page is never public by default.
 */
export function registerMetrics(app: NestFastifyApplication, config: AppConfig): void {
  const metrics = app.get(Metrics);
  const fastify = app.getHttpAdapter().getInstance();
  recordHttpMetrics(fastify, metrics, config.pathPrefix);
  const token = config.metrics.token;
  if (!token) return;
  fastify.get('/metrics', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    if (!bearerMatches(request.headers.authorization, token)) {
      return reply
        .status(401)
        .header('WWW-Authenticate', 'Bearer realm="metrics"')
        .type('application/json; charset=utf-8')
        .send({ error: 'invalid_token', error_description: 'A valid metrics bearer token is required' });
    }
    return reply.type(metrics.contentType).send(await metrics.exposition());
  });
}
