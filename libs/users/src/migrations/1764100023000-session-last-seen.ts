import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a session was last used (to the nearest few minutes), so the console can show which sessions are
 * still in use. Existing sessions count as last seen when they started.
 */
export class SessionLastSeen1764100023000 implements MigrationInterface {
  name = 'SessionLastSeen1764100023000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE sso_sessions ADD COLUMN last_seen_at timestamptz`);
    await runner.query(`UPDATE sso_sessions SET last_seen_at = created_at`);
    await runner.query(`ALTER TABLE sso_sessions ALTER COLUMN last_seen_at SET DEFAULT now(), ALTER COLUMN last_seen_at SET NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE sso_sessions DROP COLUMN last_seen_at`);
  }
}
