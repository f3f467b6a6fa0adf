import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The apps each session signed in to (a code, a device approval), so that when the session ends each of
 * them can be told (back-channel logout) and the person's and the console's lists can name them.
 */
export class SessionApps1764100020400 implements MigrationInterface {
  name = 'SessionApps1764100020400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE session_apps (
        session_id uuid NOT NULL REFERENCES sso_sessions(id) ON DELETE CASCADE,
        client_id text NOT NULL,
        first_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (session_id, client_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE session_apps`);
  }
}
