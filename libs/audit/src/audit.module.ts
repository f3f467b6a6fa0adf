import { Module } from '@nestjs/common';
import { AuditEventRepository } from './audit-event.repository';
import { AuditLog } from './audit-log.service';
import { AuditDeliveryRepository } from './export/audit-delivery.repository';
import { AuditExportMetrics } from './export/audit-export.metrics';
import { AuditExportWorker } from './export/audit-export.worker';

/** The audit log, and its export to a signed webhook and to stdout (docs/audit-events.md). */
@Module({
  providers: [AuditEventRepository, AuditLog, AuditDeliveryRepository, AuditExportWorker, AuditExportMetrics],
  exports: [AuditLog],
})
export class AuditModule {}
