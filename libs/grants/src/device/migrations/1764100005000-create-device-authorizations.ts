import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateDeviceAuthorizations1764100005000 implements MigrationInterface {
  name = 'CreateDeviceAuthorizations1764100005000';

  async up(runner: QueryRunner): Promise<void> {
    // RFC 8628 §3.2: one row per device authorization request; codes are stored only as SHA-256 hashes.
    await runner.query(`
      CREATE TABLE device_authorizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        device_code_hash text NOT NULL UNIQUE,
        user_code_hash text NOT NULL UNIQUE,
        client_id text NOT NULL REFERENCES clients (client_id) ON DELETE CASCADE,
        scopes text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'denied')),
        user_id uuid REFERENCES users (id) ON DELETE CASCADE,
        session_id uuid,
        auth_time timestamptz,
        -- Polling state lives here, not in memory, so every instance applies the same slow_down (§3.5).
        interval_seconds integer NOT NULL,
        last_polled_at timestamptz,
        -- Millisecond precision, so a JavaScript Date round-trips exactly in pagination cursors.
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        expires_at timestamptz NOT NULL,
        decided_at timestamptz,
        consumed_at timestamptz
      )`);
    await runner.query(`CREATE INDEX device_authorizations_pending_idx ON device_authorizations (created_at, id) WHERE status = 'pending'`);
    await runner.query(`CREATE INDEX device_authorizations_expires_at_idx ON device_authorizations (expires_at)`);
    // Wrong user codes per IP and per SSO session, counted atomically so every instance shares the limit.
    await runner.query(`
      CREATE TABLE device_verification_failures (
        key text PRIMARY KEY,
        failures integer NOT NULL,
        window_start timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE device_verification_failures`);
    await runner.query(`DROP TABLE device_authorizations`);
  }
}
