import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ending every token of a person, a sign-in session or a consent at once. A cutoff row says "access tokens
 * of this group issued at or before `issued_before` are revoked": one row per group, however many tokens
 * it had, read by primary key in the statement that already checks revocation. It may go once the longest
 * access token lifetime has passed. Refresh tokens are revoked row by row instead (they live for months),
 * found through the new indexes by person, by person and client, and by session.
 */
export class RevocationCutoffs1764100016500 implements MigrationInterface {
  name = 'RevocationCutoffs1764100016500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE revocation_cutoffs (
        key text PRIMARY KEY,
        issued_before timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX revocation_cutoffs_expires_at_idx ON revocation_cutoffs (expires_at)`);
    await runner.query(`CREATE INDEX refresh_tokens_user_client_idx ON refresh_tokens (user_id, client_id)`);
    await runner.query(`CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX refresh_tokens_session_idx`);
    await runner.query(`DROP INDEX refresh_tokens_user_client_idx`);
    await runner.query(`DROP TABLE revocation_cutoffs`);
  }
}
