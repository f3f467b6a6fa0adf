import { Module } from '@nestjs/common';
import { AuditEventRepository } from './audit-event.repository';
import { AuditLog } from './audit-log.service';

@Module({
  providers: [AuditEventRepository, AuditLog],
  exports: [AuditLog],
})
export class AuditModule {}
