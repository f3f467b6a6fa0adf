import { AuditEventEntity } from './audit-event.entity';
import { CreateAuditEvents1764100009000 } from './migrations/1764100009000-create-audit-events';

export * from './audit-event.entity';
export { decodeAuditCursor } from './audit-event.repository';
export type { AuditEventFilter, AuditEventPageQuery } from './audit-event.repository';
export * from './audit-log.service';
export * from './audit.module';

export const AUDIT_ENTITIES = [AuditEventEntity];
export const AUDIT_MIGRATIONS = [CreateAuditEvents1764100009000];

/** The log is kept for a year (see HousekeepingService). */
export const AUDIT_PURGE_TASKS = [{ table: 'audit_events', where: "occurred_at < now() - interval '365 days'" }];
