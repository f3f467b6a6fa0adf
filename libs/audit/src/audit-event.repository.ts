import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { escapeLike, KeysetPage, KeysetPagination } from '@app/core';
import { AuditEventEntity } from './audit-event.entity';

export interface AuditEventFilter {
  action?: string;
  actorId?: string;
  targetId?: string;
  since?: Date;
  until?: Date;
}

export interface AuditEventPageQuery extends AuditEventFilter {
  limit: number;
  cursor?: string;
}

const pages = new KeysetPagination<AuditEventEntity>(
  { timeColumn: 'event.occurred_at', idColumn: 'event.id', direction: 'DESC', idsAreUuids: true },
  (event) => ({ time: event.occurredAt, id: event.id }),
);

/** Storage of the audit log: append-only rows, read newest first. */
@Injectable()
export class AuditEventRepository {
  private readonly repository: Repository<AuditEventEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.repository = dataSource.getRepository(AuditEventEntity);
  }

  /**
   * One statement: the event and, when `sinks` are given, the outbox rows that owe it to them, so an
   * event is never recorded without being queued for export, nor queued without being recorded.
   */
  async append(event: Omit<AuditEventEntity, 'id' | 'occurredAt'>, sinks: readonly string[] = []): Promise<void> {
    const values = [event.actorType, event.actorId, event.action, event.targetType, event.targetId, event.ip, event.userAgent, JSON.stringify(event.details)];
    const insert = `INSERT INTO audit_events (actor_type, actor_id, action, target_type, target_id, ip, user_agent, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`;
    if (sinks.length === 0) {
      await this.dataSource.query(insert, values);
      return;
    }
    await this.dataSource.query(
      `WITH event AS (${insert} RETURNING id, occurred_at)
       INSERT INTO audit_deliveries (event_id, sink, created_at) SELECT event.id, sink, event.occurred_at FROM event CROSS JOIN unnest($9::text[]) AS sink`,
      [...values, sinks],
    );
  }

  async list(options: AuditEventPageQuery): Promise<KeysetPage<AuditEventEntity>> {
    const query = this.repository.createQueryBuilder('event');
    if (options.action?.endsWith('.*')) {
      query.andWhere('event.action LIKE :prefix', { prefix: `${escapeLike(options.action.slice(0, -1))}%` });
    } else if (options.action) {
      query.andWhere('event.action = :action', { action: options.action });
    }
    if (options.actorId) query.andWhere('event.actor_id = :actorId', { actorId: options.actorId });
    if (options.targetId) query.andWhere('event.target_id = :targetId', { targetId: options.targetId });
    if (options.since) query.andWhere('event.occurred_at >= :since', { since: options.since });
    if (options.until) query.andWhere('event.occurred_at < :until', { until: options.until });
    return pages.readPage(query, options.limit, options.cursor ? pages.decode(options.cursor) : undefined);
  }
}

export function decodeAuditCursor(cursor: string): { occurredAt: string; id: string } | undefined {
  const position = pages.decode(cursor);
  return position && { occurredAt: position.time, id: position.id };
}
