import { Injectable, OnModuleInit } from '@nestjs/common';
import { Metrics } from '@app/core';
import { AuditDeliveryRepository } from './audit-delivery.repository';

/** How far each sink is behind, counted when Prometheus scrapes: a growing number means a receiver is down. */
@Injectable()
export class AuditExportMetrics implements OnModuleInit {
  constructor(
    private readonly deliveries: AuditDeliveryRepository,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    this.metrics.gaugeOnScrape('meridian_audit_export_pending', 'Audit events not yet taken by a sink, by sink', ['sink'], async () =>
      (await this.deliveries.depth()).map((row) => ({ labels: { sink: row.sink }, value: row.pending })),
    );
    this.metrics.gaugeOnScrape('meridian_audit_export_oldest_seconds', 'Age of the oldest audit event a sink has not taken, by sink', ['sink'], async () =>
      (await this.deliveries.depth()).map((row) => ({ labels: { sink: row.sink }, value: row.oldestSeconds })),
    );
  }
}
