import type { AuditActorType } from '../audit-event.entity';

/** The version of the exported shape (docs/audit-event.schema.json); a breaking change raises it. */
export const AUDIT_EVENT_SCHEMA_VERSION = 1;

/** One audit event as the webhook and stdout sinks carry it: snake_case, times in UTC ISO 8601. */
export interface AuditEventDocument {
  kind: 'audit_event';
  schema_version: typeof AUDIT_EVENT_SCHEMA_VERSION;
  /** Stable across redeliveries: a receiver drops an id it has seen (delivery is at least once). */
  id: string;
  occurred_at: string;
  issuer: string;
  action: string;
  actor: { type: AuditActorType; id: string | null };
  target: { type: string; id: string | null } | null;
  origin: { ip: string | null; user_agent: string | null };
  details: Record<string, unknown>;
}

/** An audit_events row as the export reads it. */
export interface StoredAuditEvent {
  id: string;
  occurred_at: Date | string;
  actor_type: AuditActorType;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown> | string | null;
}

export function toAuditEventDocument(row: StoredAuditEvent, issuer: string): AuditEventDocument {
  return {
    kind: 'audit_event',
    schema_version: AUDIT_EVENT_SCHEMA_VERSION,
    id: row.id,
    occurred_at: new Date(row.occurred_at).toISOString(),
    issuer,
    action: row.action,
    actor: { type: row.actor_type, id: row.actor_id },
    target: row.target_type === null && row.target_id === null ? null : { type: row.target_type ?? 'unknown', id: row.target_id },
    origin: { ip: row.ip, user_agent: row.user_agent },
    details: typeof row.details === 'string' ? (JSON.parse(row.details) as Record<string, unknown>) : (row.details ?? {}),
  };
}
