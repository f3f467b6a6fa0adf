import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '@app/core';
import type { StoredAuditEvent } from './audit-event-document';

/** Where an event is exported besides the database. */
export type AuditSink = 'webhook' | 'stdout';

export const AUDIT_SINKS: readonly AuditSink[] = ['webhook', 'stdout'];

/** A claimed event, with the number of this attempt to hand it to its sink (from 1). */
export interface ClaimedAuditEvent extends StoredAuditEvent {
  attempt: number;
}

/** The audit export outbox: which events each sink still has to take. */
@Injectable()
export class AuditDeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A read first, so an idle server's polling writes nothing. */
  async anyDue(sink: AuditSink): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM audit_deliveries WHERE sink = $1 AND next_attempt_at <= now()) AS due`,
      [sink],
    );
    return row?.due === true;
  }

  /**
   * Claims up to `limit` due events of one sink for `leaseMs`, oldest first, and reads them in the same
   * statement. No lock outlives the statement, so the POST runs with none held; an instance that dies
   * mid-delivery leaves rows that come due again when the lease ends (hence at least once).
   */
  async claimDue(sink: AuditSink, limit: number, leaseMs: number): Promise<ClaimedAuditEvent[]> {
    const rows = rowsOf<StoredAuditEvent & { attempts: number }>(await this.dataSource.query(
      `WITH claimed AS (
         UPDATE audit_deliveries SET attempts = attempts + 1, next_attempt_at = now() + $3 * interval '1 millisecond'
          WHERE sink = $1 AND event_id IN (
                SELECT event_id FROM audit_deliveries WHERE sink = $1 AND next_attempt_at <= now()
                 ORDER BY next_attempt_at, created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
          RETURNING event_id, attempts)
       SELECT event.id, event.occurred_at, event.actor_type, event.actor_id, event.action, event.target_type, event.target_id,
              event.ip, event.user_agent, event.details, claimed.attempts
         FROM claimed JOIN audit_events event ON event.id = claimed.event_id
        ORDER BY event.occurred_at, event.id`,
      [sink, limit, leaseMs],
    ));
    return rows.map(({ attempts, ...event }) => ({ ...event, attempt: attempts }));
  }

  /** The sink has them: the rows go (the events stay in audit_events until their retention ends). */
  async markDelivered(sink: AuditSink, eventIds: readonly string[]): Promise<void> {
    await this.dataSource.query(`DELETE FROM audit_deliveries WHERE sink = $1 AND event_id = ANY($2::uuid[])`, [sink, eventIds]);
  }

  async scheduleRetry(sink: AuditSink, eventIds: readonly string[], delayMs: number, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE audit_deliveries SET next_attempt_at = now() + $3 * interval '1 millisecond', last_error = $4
        WHERE sink = $1 AND event_id = ANY($2::uuid[])`,
      [sink, eventIds, delayMs, error],
    );
  }

  /** Events still owed, by sink; the oldest one's age tells how far behind a sink is. */
  async depth(): Promise<Array<{ sink: AuditSink; pending: number; oldestSeconds: number }>> {
    const rows = rowsOf<{ sink: AuditSink; pending: string; oldest: number | string | null }>(await this.dataSource.query(
      `SELECT sink, count(*) AS pending, EXTRACT(EPOCH FROM now() - min(created_at)) AS oldest FROM audit_deliveries GROUP BY sink`,
    ));
    return AUDIT_SINKS.map((sink) => {
      const row = rows.find((candidate) => candidate.sink === sink);
      return { sink, pending: Number(row?.pending ?? 0), oldestSeconds: Number(row?.oldest ?? 0) };
    });
  }
}
