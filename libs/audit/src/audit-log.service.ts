import { Inject, Injectable } from '@nestjs/common';
import { APP_LOGGER, AppLogger } from '@app/core';
import { AuditActorType, AuditEventEntity } from './audit-event.entity';
import { AuditEventPageQuery, AuditEventRepository } from './audit-event.repository';
import { AuditExportWorker } from './export/audit-export.worker';
import { redactDetails, truncateUserAgent } from './redact';

export interface AuditActor {
  type: AuditActorType;
  id?: string | null;
}

export interface AuditRecord {
  action: string;
  actor: AuditActor;
  target?: { type: string; id?: string | null };
  /** Where the request came from. */
  origin?: { ip?: string | null; userAgent?: string | null };
  /** Context for a reader; secret-looking fields are dropped whatever is passed. */
  details?: Record<string, unknown>;
}

/**
 * The one way to write the audit log. Recording never fails the caller: the change or sign-in it
 * describes has already happened, so a failed insert is logged as a warning and the request goes on.
 * Each event is queued for the configured export sinks in the same statement.
 */
@Injectable()
export class AuditLog {
  constructor(
    private readonly events: AuditEventRepository,
    private readonly exporter: AuditExportWorker,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  async record(event: AuditRecord): Promise<void> {
    try {
      await this.events.append({
        action: event.action,
        actorType: event.actor.type,
        actorId: event.actor.id ?? null,
        targetType: event.target?.type ?? null,
        targetId: event.target?.id ?? null,
        ip: event.origin?.ip ?? null,
        userAgent: truncateUserAgent(event.origin?.userAgent),
        details: redactDetails(event.details),
      }, this.exporter.sinkNames);
      this.exporter.nudge();
    } catch (error) {
      this.logger.warn({ err: error, action: event.action }, 'audit event not recorded');
    }
  }

  list(query: AuditEventPageQuery): Promise<{ items: AuditEventEntity[]; nextCursor: string | null }> {
    return this.events.list(query);
  }
}
