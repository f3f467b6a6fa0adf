import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRefreshTokens1764100003000 implements MigrationInterface {
  name = 'CreateRefreshTokens1764100003000';

  async up(runner: QueryRunner): Promise<void> {
    // Refresh tokens are stored hashed. family_id is the grant id: every rotation of one grant shares it,
    // so reuse of a rotated token can revoke the whole family (RFC 9700 §4.14.2).
    await runner.query(`
      CREATE TABLE refresh_tokens (
        token_hash text PRIMARY KEY,
        family_id text NOT NULL,
        client_id text NOT NULL,
        user_id uuid NOT NULL,
        scopes text[] NOT NULL,
        auth_time timestamptz,
        session_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        consumed_at timestamptz,
        revoked_at timestamptz
      )`);
    await runner.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    await runner.query(`CREATE INDEX refresh_tokens_expires_at_idx ON refresh_tokens (expires_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE refresh_tokens`);
  }
}
