import type { AuditExportSettings, PurgeTask } from '@app/core';
import { configuredSinks } from './export/audit-sinks';

/**
 * Events older than AUDIT_RETENTION_DAYS go, in the housekeeping's batches, except those a configured
 * sink has not taken yet: a webhook that is down keeps its backlog. Rows owed to a sink that has since
 * been switched off do not hold their events back (the delete cascades to them).
 */
export function auditPurgeTasks(settings: AuditExportSettings): PurgeTask[] {
  const sinks = configuredSinks(settings).map((sink) => `'${sink.name}'`);
  const expired = `occurred_at < now() - interval '${settings.retentionDays} days'`;
  const where = sinks.length === 0
    ? expired
    : `${expired} AND NOT EXISTS (SELECT 1 FROM audit_deliveries owed WHERE owed.event_id = audit_events.id AND owed.sink IN (${sinks.join(', ')}))`;
  return [{ table: 'audit_events', where }];
}
