import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A session remembers how its person proved who they are (RFC 8176 `amr`) and the level that proves
 * (`acr`), so an application that asks for more steps the session up instead of signing in again; groups
 * may require a level of everyone in them.
 */
export class SessionAuthenticationLevel1764100020000 implements MigrationInterface {
  name = 'SessionAuthenticationLevel1764100020000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE sso_sessions ADD COLUMN amr text[] NOT NULL DEFAULT '{pwd}', ADD COLUMN acr text NOT NULL DEFAULT 'pwd'`);
    await runner.query(
      `ALTER TABLE groups ADD COLUMN require_mfa boolean NOT NULL DEFAULT false, ADD COLUMN require_phishing_resistant boolean NOT NULL DEFAULT false`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE groups DROP COLUMN require_mfa, DROP COLUMN require_phishing_resistant`);
    await runner.query(`ALTER TABLE sso_sessions DROP COLUMN amr, DROP COLUMN acr`);
  }
}
