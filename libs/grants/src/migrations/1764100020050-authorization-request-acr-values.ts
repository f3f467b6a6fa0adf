import { MigrationInterface, QueryRunner } from 'typeorm';

/** The authentication levels a pending authorization request accepts (acr_values or the client's defaults). */
export class AuthorizationRequestAcrValues1764100020050 implements MigrationInterface {
  name = 'AuthorizationRequestAcrValues1764100020050';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE authorization_requests ADD COLUMN acr_values text[] NOT NULL DEFAULT '{}'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE authorization_requests DROP COLUMN acr_values`);
  }
}
