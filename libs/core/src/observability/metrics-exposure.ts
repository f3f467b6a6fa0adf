import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import cluster from 'node:cluster';
import type { Server } from 'node:http';
import { AggregatorRegistry } from 'prom-client';
import { AppConfig } from '../config/app-config';
import { APP_LOGGER, AppLogger } from '../logging/app-logger';
import { startMetricsListener } from './metrics-listener';
import { Metrics } from './metrics.service';

/**
 * Opens METRICS_PORT for this process's registry. A worker of WORKERS > 1 never listens there: it hands its
 * registry to the primary, which serves the sum of all workers on that port (main.ts).
 */
@Injectable()
export class MetricsExposure implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: Server | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { port, host, token } = this.config.metrics;
    if (cluster.isWorker) {
      // main.ts installed the worker's answer to the primary's requests at start; from now on it is this registry.
      AggregatorRegistry.setRegistries([this.metrics.registry]);
      return;
    }
    if (port === undefined) return;
    this.server = await startMetricsListener(this.metrics, { host, port, token }, (error) => this.logger.error({ err: error }, 'metrics scrape failed'));
    this.logger.info({ host, port }, 'metrics listening');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
