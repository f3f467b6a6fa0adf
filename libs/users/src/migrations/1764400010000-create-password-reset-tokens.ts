import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Password reset links sent by mail. Only the SHA-256 of the link's token is kept, so the table alone
 * resets nobody's password. `password_fingerprint` is the SHA-256 of the person's password hash when the
 * link was made: a password changed since (any way at all) no longer matches, and the link is dead. No
 * index on user_id: rows live for minutes and are purged, so the table stays a handful of rows.
 */
export class CreatePasswordResetTokens1764400010000 implements MigrationInterface {
  name = 'CreatePasswordResetTokens1764400010000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE password_reset_tokens (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        password_fingerprint text NOT NULL,
        return_to text,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE password_reset_tokens`);
  }
}
