import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit export outbox: one row per event and sink (webhook, stdout) it is still owed to, written in
 * the statement that records the event and deleted once the sink has taken it. A new table only, so the
 * release before it keeps running while this one migrates (its events are simply not exported).
 */
export class CreateAuditDeliveries1764400000000 implements MigrationInterface {
  name = 'CreateAuditDeliveries1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE audit_deliveries (
        event_id uuid NOT NULL REFERENCES audit_events (id) ON DELETE CASCADE,
        sink text NOT NULL CHECK (sink IN ('webhook', 'stdout')),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        PRIMARY KEY (sink, event_id)
      )`);
    // The worker claims a sink's due rows, oldest first; the purge asks whether an event is still owed.
    await runner.query(`CREATE INDEX audit_deliveries_due ON audit_deliveries (sink, next_attempt_at, created_at)`);
    await runner.query(`CREATE INDEX audit_deliveries_event ON audit_deliveries (event_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE audit_deliveries`);
  }
}
