import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { KeysetPage, KeysetPagination, rowsOf } from '@app/core';
import type { LogoutDeliveryStatus } from '@app/contracts';
import type { EndedSession, SessionEndReason } from '@app/users';
import { LogoutDeliveryEntity } from './logout-delivery.entity';

/** A delivery the worker has claimed, with what it needs to sign and send the token. */
export interface ClaimedDelivery {
  id: string;
  sessionId: string;
  userId: string;
  clientId: string;
  jti: string;
  /** This attempt's number, from 1. */
  attempt: number;
}

interface RawClaim {
  id: string;
  session_id: string;
  user_id: string;
  client_id: string;
  jti: string;
  attempts: number;
}

const pages = new KeysetPagination<LogoutDeliveryEntity>(
  { timeColumn: 'delivery.created_at', idColumn: 'delivery.id', direction: 'DESC', idsAreUuids: true },
  (row) => ({ time: row.createdAt, id: row.id }),
);

const STATUS_WHERE: Record<LogoutDeliveryStatus, string> = {
  pending: 'delivery.delivered_at IS NULL AND delivery.dead_at IS NULL',
  delivered: 'delivery.delivered_at IS NOT NULL',
  dead: 'delivery.dead_at IS NOT NULL',
};

/** The back-channel logout outbox. */
@Injectable()
export class LogoutDeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One row per ended session and app of it that registered a backchannel_logout_uri, in the ending
   * transaction; the unique key makes a second end of the same session add nothing. The number added.
   */
  async enqueue(sessions: readonly EndedSession[], reason: SessionEndReason, manager: EntityManager): Promise<number> {
    const rows = rowsOf<{ id: string }>(await manager.query(
      `INSERT INTO logout_deliveries (session_id, user_id, client_id, reason, jti)
       SELECT ended.session_id, ended.user_id, app.client_id, $3, gen_random_uuid()::text
         FROM unnest($1::uuid[], $2::uuid[]) AS ended (session_id, user_id)
         JOIN session_apps app ON app.session_id = ended.session_id
         JOIN clients client ON client.client_id = app.client_id AND client.backchannel_logout_uri IS NOT NULL
       ON CONFLICT (session_id, client_id) DO NOTHING
       RETURNING id`,
      [sessions.map((session) => session.id), sessions.map((session) => session.userId), reason],
    ));
    return rows.length;
  }

  /** A read first, so an idle server's polling writes nothing. */
  async anyDue(): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM logout_deliveries WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= now()) AS due`,
    );
    return row?.due === true;
  }

  /**
   * Claims up to `limit` due rows for `leaseMs`: each claim is its own short statement, so no lock is held
   * while the POST runs, and a row whose instance died becomes due again when the lease ends. SKIP LOCKED
   * lets several instances claim side by side without taking the same row.
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const rows = rowsOf<RawClaim>(await this.dataSource.query(
      `UPDATE logout_deliveries SET attempts = attempts + 1, next_attempt_at = now() + $2 * interval '1 millisecond'
        WHERE id IN (SELECT id FROM logout_deliveries
                      WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= now()
                      ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, session_id, user_id, client_id, jti, attempts`,
      [limit, leaseMs],
    ));
    return rows.map((row) => ({ id: row.id, sessionId: row.session_id, userId: row.user_id, clientId: row.client_id, jti: row.jti, attempt: row.attempts }));
  }

  async markDelivered(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE logout_deliveries SET delivered_at = now(), last_error = NULL WHERE id = $1 AND delivered_at IS NULL`, [id]);
  }

  async scheduleRetry(id: string, delayMs: number, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE logout_deliveries SET next_attempt_at = now() + $2 * interval '1 millisecond', last_error = $3 WHERE id = $1 AND delivered_at IS NULL`,
      [id, delayMs, error],
    );
  }

  /** True when this call dead-lettered the row (and not a retry or another instance meanwhile). */
  async markDead(id: string, error: string): Promise<boolean> {
    const rows = rowsOf(await this.dataSource.query(
      `UPDATE logout_deliveries SET dead_at = now(), last_error = $2 WHERE id = $1 AND delivered_at IS NULL AND dead_at IS NULL RETURNING id`,
      [id, error],
    ));
    return rows.length > 0;
  }

  /** A dead row becomes due now with its attempts counted afresh; undefined when it is not dead (or absent). */
  async revive(id: string): Promise<LogoutDeliveryEntity | undefined> {
    const rows = rowsOf<{ id: string }>(await this.dataSource.query(
      `UPDATE logout_deliveries SET dead_at = NULL, attempts = 0, next_attempt_at = now() WHERE id = $1 AND dead_at IS NOT NULL RETURNING id`,
      [id],
    ));
    return rows.length > 0 ? this.find(id) : undefined;
  }

  async find(id: string): Promise<LogoutDeliveryEntity | undefined> {
    return (await this.dataSource.getRepository(LogoutDeliveryEntity).findOneBy({ id })) ?? undefined;
  }

  /** Newest first. */
  list(status: LogoutDeliveryStatus | undefined, limit: number, cursor?: string): Promise<KeysetPage<LogoutDeliveryEntity>> {
    const query = this.dataSource.getRepository(LogoutDeliveryEntity).createQueryBuilder('delivery');
    if (status) query.where(STATUS_WHERE[status]);
    return pages.readPage(query, limit, cursor ? pages.decode(cursor) : undefined);
  }

  isValidCursor(cursor: string): boolean {
    return pages.isValidCursor(cursor);
  }
}
