import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "Not you?" on the consent page: from this time on, the request takes only a sign-in made after it, so
 * the session that was signed in stops counting for this request (and only for it). Expand-only.
 */
export class AuthorizationRequestSwitchAccount1764400007300 implements MigrationInterface {
  name = 'AuthorizationRequestSwitchAccount1764400007300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE authorization_requests ADD COLUMN sign_in_after timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE authorization_requests DROP COLUMN sign_in_after`);
  }
}
