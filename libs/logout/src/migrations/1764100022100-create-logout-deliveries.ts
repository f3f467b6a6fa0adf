import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The back-channel logout outbox: one row per (ended session, app), written in the transaction that ends
 * the session and delivered afterwards. No foreign keys: the session and the person may be deleted while a
 * delivery is still owed to their apps.
 */
export class CreateLogoutDeliveries1764100022100 implements MigrationInterface {
  name = 'CreateLogoutDeliveries1764100022100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE logout_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL,
        user_id uuid NOT NULL,
        client_id text NOT NULL,
        reason text NOT NULL,
        jti text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        dead_at timestamptz,
        last_error text,
        UNIQUE (session_id, client_id)
      )`);
    // The worker's claim reads only the rows still owed, soonest first.
    await runner.query(`CREATE INDEX logout_deliveries_due ON logout_deliveries (next_attempt_at) WHERE delivered_at IS NULL AND dead_at IS NULL`);
    await runner.query(`CREATE INDEX logout_deliveries_created ON logout_deliveries (created_at, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE logout_deliveries`);
  }
}
