import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateTokens1764100001000 implements MigrationInterface {
  name = 'CreateTokens1764100001000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE signing_keys (
        kid text PRIMARY KEY,
        alg text NOT NULL,
        public_jwk jsonb NOT NULL,
        private_jwk text NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'retired')),
        created_at timestamptz NOT NULL DEFAULT now(),
        retired_at timestamptz,
        expires_at timestamptz
      )`);
    // At most one active key: concurrent first starts cannot both create one.
    await runner.query(`CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys ((true)) WHERE status = 'active'`);
    await runner.query(`
      CREATE TABLE revoked_tokens (
        jti text PRIMARY KEY,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX revoked_tokens_expires_at_idx ON revoked_tokens (expires_at)`);
    await runner.query(`
      CREATE TABLE revoked_grants (
        grant_id text PRIMARY KEY,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX revoked_grants_expires_at_idx ON revoked_grants (expires_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE revoked_grants`);
    await runner.query(`DROP TABLE revoked_tokens`);
    await runner.query(`DROP TABLE signing_keys`);
  }
}
