import { AuditEventEntity } from './audit-event.entity';
import { CreateAuditEvents1764100009000 } from './migrations/1764100009000-create-audit-events';
import { CreateAuditDeliveries1764400000000 } from './migrations/1764400000000-create-audit-deliveries';

export * from './audit-event.entity';
export { decodeAuditCursor } from './audit-event.repository';
export type { AuditEventFilter, AuditEventPageQuery } from './audit-event.repository';
export * from './audit-log.service';
export * from './audit.module';

export const AUDIT_ENTITIES = [AuditEventEntity];
export const AUDIT_MIGRATIONS = [CreateAuditEvents1764100009000, CreateAuditDeliveries1764400000000];

export { auditPurgeTasks } from './audit-purge';
export { AUDIT_EVENT_SCHEMA_VERSION } from './export/audit-event-document';
export type { AuditEventDocument } from './export/audit-event-document';
export { SIGNATURE_HEADER } from './export/webhook-signature';
