import { MigrationInterface, QueryRunner } from 'typeorm';

export class UpstreamAttempts1764100019000 implements MigrationInterface {
  name = 'UpstreamAttempts1764100019000';

  async up(runner: QueryRunner): Promise<void> {
    // One row per sign-in sent to an upstream OpenID Provider, found again by the digest of its state.
    // Only digests of the state and of the browser cookie are stored; the nonce and PKCE verifier must be
    // read back, and they are worthless once the row is used or expired.
    await runner.query(`
      CREATE TABLE upstream_attempts (
        state_hash text PRIMARY KEY,
        provider_id uuid NOT NULL REFERENCES identity_providers (id) ON DELETE CASCADE,
        browser_hash text NOT NULL,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        return_to text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await runner.query(`CREATE INDEX upstream_attempts_expires_idx ON upstream_attempts (expires_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE upstream_attempts`);
  }
}
