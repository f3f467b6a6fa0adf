import type { FastifyInstance } from 'fastify';
import { trace } from '@opentelemetry/api';

/**
 * Names the HTTP server span after the route's template (`POST /oauth2/token`, `GET /admin/v1/clients/:id`)
 * and sets `http.route`: the HTTP instrumentation knows only the URL, which may carry ids and a query.
 */
export function nameSpansAfterRoutes(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const span = trace.getActiveSpan();
    const route = request.routeOptions.url;
    if (span && route) {
      span.updateName(`${request.method} ${route}`);
      span.setAttribute('http.route', route);
    }
    done();
  });
}
