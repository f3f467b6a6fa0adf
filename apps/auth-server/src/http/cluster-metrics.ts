import { AggregatorRegistry } from 'prom-client';
import { AppConfig, AppLogger, startMetricsListener } from '@app/core';

/**
 * WORKERS > 1: the primary serves METRICS_PORT with every worker's registry summed (prom-client asks each
 * worker over the cluster channel), so one scrape sees the whole server. Counters add up; gauges such as
 * pool sizes are summed too, which is the total across the workers' pools.
 */
export function answerPrimaryMetricsRequests(): void {
  // In a worker, constructing one installs its answer to the primary's requests, as early as possible: a
  // request that reaches a worker before it listens is lost, and the primary's scrape fails after 5 s.
  // Until the application has started, the worker answers with no metrics (MetricsExposure hands over its
  // registry then).
  new AggregatorRegistry();
}

export async function serveClusterMetrics(config: AppConfig, logger: AppLogger): Promise<void> {
  const { port, host, token } = config.metrics;
  if (port === undefined) return;
  const aggregator = new AggregatorRegistry();
  const source = { exposition: () => aggregator.clusterMetrics(), contentType: aggregator.contentType };
  await startMetricsListener(source, { host, port, token }, (error) => logger.error({ err: error }, 'metrics scrape of the workers failed'));
  logger.info({ host, port, workers: config.workers }, 'metrics of all workers listening');
}
