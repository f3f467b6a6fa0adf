import { Injectable } from '@nestjs/common';
import { Conflict, isUuid, NotFound } from '@app/core';
import type { LogoutDeliveryStatus, LogoutDeliveryView, Page } from '@app/contracts';
import { LogoutDeliveryWorker } from './delivery/logout-delivery.worker';
import { LogoutDeliveryEntity } from './outbox/logout-delivery.entity';
import { LogoutDeliveryRepository } from './outbox/logout-delivery.repository';

/** What the admin API sees of the outbox: the list, and a second chance for dead letters. */
@Injectable()
export class LogoutDeliveriesService {
  constructor(
    private readonly deliveries: LogoutDeliveryRepository,
    private readonly worker: LogoutDeliveryWorker,
  ) {}

  async list(query: { status?: LogoutDeliveryStatus; limit: number; cursor?: string }): Promise<Page<LogoutDeliveryView>> {
    const page = await this.deliveries.list(query.status, query.limit, query.cursor);
    return { items: page.items.map(toLogoutDeliveryView), next_cursor: page.nextCursor };
  }

  isValidCursor(cursor: string): boolean {
    return this.deliveries.isValidCursor(cursor);
  }

  /** A dead letter is sent again from its first attempt, now. */
  async retry(id: string): Promise<LogoutDeliveryView> {
    if (!isUuid(id)) throw new NotFound(`No logout delivery with id ${id.slice(0, 100)}`);
    const revived = await this.deliveries.revive(id);
    if (!revived) {
      if (await this.deliveries.find(id)) throw new Conflict('Only a dead delivery can be retried');
      throw new NotFound(`No logout delivery with id ${id}`);
    }
    this.worker.nudge();
    return toLogoutDeliveryView(revived);
  }
}

export function toLogoutDeliveryView(row: LogoutDeliveryEntity): LogoutDeliveryView {
  return {
    id: row.id,
    client_id: row.clientId,
    session_id: row.sessionId,
    user_id: row.userId,
    reason: row.reason,
    status: row.deliveredAt ? 'delivered' : row.deadAt ? 'dead' : 'pending',
    attempts: row.attempts,
    last_error: row.lastError,
    created_at: row.createdAt.toISOString(),
    next_attempt_at: row.nextAttemptAt.toISOString(),
    delivered_at: row.deliveredAt?.toISOString() ?? null,
    dead_at: row.deadAt?.toISOString() ?? null,
  };
}
