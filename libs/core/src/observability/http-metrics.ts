import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Counter, Histogram } from 'prom-client';
import type { Metrics } from './metrics.service';
import { oauthErrorOf } from './request-outcome';

/** The one label of every request no route matched, so scanners probing random paths add no series. */
export const UNMATCHED_ROUTE = 'unmatched';

interface RouteSeries {
  requests: Map<number, Counter.Internal>;
  duration: Histogram.Internal<'route' | 'method'>;
  route: string;
  method: string;
}

/**
 * Counts every answered request in Fastify's onResponse hook, labelled with the route's template
 * (`/admin/v1/clients/:id`), never the URL. The labelled children are looked up once per route, method and
 * status and kept, so the hot path does map lookups and no label hashing.
 */
export function recordHttpMetrics(fastify: FastifyInstance, metrics: Metrics, pathPrefix: string): void {
  const byRoute = new Map<string, Map<string, RouteSeries>>();

  const seriesOf = (template: string | undefined, method: string): RouteSeries => {
    const key = template ?? UNMATCHED_ROUTE;
    let byMethod = byRoute.get(key);
    if (!byMethod) byRoute.set(key, (byMethod = new Map()));
    let series = byMethod.get(method);
    if (!series) {
      const route = template === undefined ? UNMATCHED_ROUTE : withoutPrefix(template, pathPrefix);
      series = { requests: new Map(), duration: metrics.httpDuration.labels({ route, method }), route, method };
      byMethod.set(method, series);
    }
    return series;
  };

  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const series = seriesOf(request.routeOptions.url, request.method);
    const status = reply.statusCode;
    let counter = series.requests.get(status);
    if (!counter) series.requests.set(status, (counter = metrics.httpRequests.labels({ route: series.route, method: series.method, status: String(status) })));
    counter.inc();
    series.duration.observe(reply.elapsedTime / 1000);
    const oauthError = oauthErrorOf(request);
    if (oauthError) metrics.oauthError(oauthError, series.route);
    done();
  });
}

/** Under an issuer with a path every route carries it; the label is the same on every tenant's server. */
function withoutPrefix(template: string, pathPrefix: string): string {
  return pathPrefix && template.startsWith(`${pathPrefix}/`) ? template.slice(pathPrefix.length) : template;
}
