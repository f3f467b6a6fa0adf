import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Metrics } from '@app/core';

/**
 * The outbox's depth by status, counted when Prometheus scrapes: `pending` deliveries still owed (a growing
 * number means an app is down or slow) and `dead` ones that ran out of attempts. Delivered rows are history.
 */
@Injectable()
export class LogoutOutboxMetrics implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    this.metrics.gaugeOnScrape('meridian_logout_outbox_depth', 'Back-channel logout deliveries not delivered, by status', ['status'], () => this.depth());
  }

  private async depth(): Promise<Array<{ labels: { status: string }; value: number }>> {
    const [row]: Array<{ pending: string; dead: string }> = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE delivered_at IS NULL AND dead_at IS NULL) AS pending, count(*) FILTER (WHERE dead_at IS NOT NULL) AS dead
       FROM logout_deliveries WHERE delivered_at IS NULL`,
    );
    return [
      { labels: { status: 'pending' }, value: Number(row?.pending ?? 0) },
      { labels: { status: 'dead' }, value: Number(row?.dead ?? 0) },
    ];
  }
}
