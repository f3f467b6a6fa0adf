import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Links that verify a person's e-mail address. Only the SHA-256 of the link's token is kept; `email` is the
 * address the link was sent to, so a link verifies nothing once the person's address has changed.
 */
export class CreateEmailVerificationTokens1764400011000 implements MigrationInterface {
  name = 'CreateEmailVerificationTokens1764400011000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE email_verification_tokens (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        email text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    // The per-person limit counts a person's recent links.
    await runner.query(`CREATE INDEX email_verification_tokens_user ON email_verification_tokens (user_id, created_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE email_verification_tokens`);
  }
}
