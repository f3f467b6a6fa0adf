import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsers1764100002000 implements MigrationInterface {
  name = 'CreateUsers1764100002000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL,
        email text,
        email_verified boolean NOT NULL DEFAULT false,
        name text,
        given_name text,
        family_name text,
        roles text[] NOT NULL DEFAULT '{}',
        disabled boolean NOT NULL DEFAULT false,
        password_hash text NOT NULL,
        -- Millisecond precision, so a JavaScript Date round-trips exactly in pagination cursors.
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Usernames are unique whatever their case: "Alice" and "alice" are one account.
    await runner.query(`CREATE UNIQUE INDEX users_username_lower_idx ON users (lower(username))`);
    await runner.query(`CREATE INDEX users_created_at_idx ON users (created_at, id)`);
    // Failed-login counters per account and per IP; one row per key, updated atomically.
    await runner.query(`
      CREATE TABLE login_attempts (
        key text PRIMARY KEY,
        failures integer NOT NULL,
        window_start timestamptz NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE sso_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        auth_time timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz
      )`);
    await runner.query(`CREATE INDEX sso_sessions_user_idx ON sso_sessions (user_id)`);
    await runner.query(`
      CREATE TABLE consents (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        client_id text NOT NULL REFERENCES clients (client_id) ON DELETE CASCADE,
        scopes text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, client_id)
      )`);
    // Keys that must be the same on every instance (CSRF token MAC), created once.
    await runner.query(`
      CREATE TABLE server_secrets (
        name text PRIMARY KEY,
        value text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE server_secrets`);
    await runner.query(`DROP TABLE consents`);
    await runner.query(`DROP TABLE sso_sessions`);
    await runner.query(`DROP TABLE login_attempts`);
    await runner.query(`DROP TABLE users`);
  }
}
