import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
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

/** Storage of the audit log: append-only rows, read newest first. */
@Injectable()
export class AuditEventRepository {
  private readonly repository: Repository<AuditEventEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.repository = dataSource.getRepository(AuditEventEntity);
  }

  async append(event: Omit<AuditEventEntity, 'id' | 'occurredAt'>): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO audit_events (actor_type, actor_id, action, target_type, target_id, ip, user_agent, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
      [event.actorType, event.actorId, event.action, event.targetType, event.targetId, event.ip, event.userAgent, JSON.stringify(event.details)],
    );
  }

  async list(options: AuditEventPageQuery): Promise<{ items: AuditEventEntity[]; nextCursor: string | null }> {
    const query = this.repository.createQueryBuilder('event').orderBy('event.occurred_at', 'DESC').addOrderBy('event.id', 'DESC');
    if (options.action?.endsWith('.*')) {
      query.andWhere('event.action LIKE :prefix', { prefix: `${escapeLike(options.action.slice(0, -1))}%` });
    } else if (options.action) {
      query.andWhere('event.action = :action', { action: options.action });
    }
    if (options.actorId) query.andWhere('event.actor_id = :actorId', { actorId: options.actorId });
    if (options.targetId) query.andWhere('event.target_id = :targetId', { targetId: options.targetId });
    if (options.since) query.andWhere('event.occurred_at >= :since', { since: options.since });
    if (options.until) query.andWhere('event.occurred_at < :until', { until: options.until });
    const before = options.cursor ? decodeAuditCursor(options.cursor) : undefined;
    if (before) query.andWhere('(event.occurred_at, event.id) < (:occurredAt, :id)', before);
    const rows = await query.limit(options.limit + 1).getMany();
    const items = rows.slice(0, options.limit);
    const last = items[items.length - 1];
    const nextCursor =
      rows.length > options.limit && last ? Buffer.from(JSON.stringify([last.occurredAt.toISOString(), last.id])).toString('base64url') : null;
    return { items, nextCursor };
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function decodeAuditCursor(cursor: string): { occurredAt: string; id: string } | undefined {
  try {
    const [occurredAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    if (typeof occurredAt === 'string' && typeof id === 'string' && uuid.test(id) && !Number.isNaN(Date.parse(occurredAt))) return { occurredAt, id };
  } catch {
    // malformed
  }
  return undefined;
}
