import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOpaqueAccessTokens1764100006000 implements MigrationInterface {
  name = 'CreateOpaqueAccessTokens1764100006000';

  async up(runner: QueryRunner): Promise<void> {
    // Reference tokens for APIs that want them: only the SHA-256 of the token is stored.
    await runner.query(`
      CREATE TABLE opaque_access_tokens (
        token_hash text PRIMARY KEY,
        jti text NOT NULL UNIQUE,
        client_id text NOT NULL,
        subject text NOT NULL,
        audience text[] NOT NULL,
        scopes text[] NOT NULL DEFAULT '{}',
        grant_id text,
        session_id text,
        auth_time bigint,
        issued_at bigint NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX opaque_access_tokens_expires_at_idx ON opaque_access_tokens (expires_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE opaque_access_tokens`);
  }
}
