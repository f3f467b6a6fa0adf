import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuthorization1764100002500 implements MigrationInterface {
  name = 'CreateAuthorization1764100002500';

  async up(runner: QueryRunner): Promise<void> {
    // An authorization request between the authorize endpoint and the code: the login and consent pages
    // carry only its random id, whose SHA-256 is the key here.
    await runner.query(`
      CREATE TABLE authorization_requests (
        id_hash text PRIMARY KEY,
        client_id text NOT NULL REFERENCES clients (client_id) ON DELETE CASCADE,
        redirect_uri text NOT NULL,
        scopes text[] NOT NULL,
        state text,
        nonce text,
        code_challenge text,
        code_challenge_method text,
        prompt text[] NOT NULL DEFAULT '{}',
        max_age integer,
        login_hint text,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        consented_at timestamptz,
        completed_at timestamptz
      )`);
    await runner.query(`CREATE INDEX authorization_requests_expires_at_idx ON authorization_requests (expires_at)`);
    // Codes are stored hashed; redemption is one UPDATE ... WHERE consumed_at IS NULL.
    await runner.query(`
      CREATE TABLE authorization_codes (
        code_hash text PRIMARY KEY,
        grant_id text NOT NULL,
        client_id text NOT NULL REFERENCES clients (client_id) ON DELETE CASCADE,
        redirect_uri text NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        scopes text[] NOT NULL,
        nonce text,
        code_challenge text,
        code_challenge_method text CHECK (code_challenge_method IN ('S256', 'plain')),
        auth_time timestamptz NOT NULL,
        session_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz
      )`);
    await runner.query(`CREATE INDEX authorization_codes_expires_at_idx ON authorization_codes (expires_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE authorization_codes`);
    await runner.query(`DROP TABLE authorization_requests`);
  }
}
