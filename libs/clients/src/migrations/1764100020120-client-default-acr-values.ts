import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OIDC Dynamic Client Registration §2 `default_acr_values`: the sign-in strength a client requires when its
 * authorization request names none. Empty: a password is enough.
 */
export class ClientDefaultAcrValues1764100020120 implements MigrationInterface {
  name = 'ClientDefaultAcrValues1764100020120';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE clients ADD COLUMN default_acr_values text[] NOT NULL DEFAULT '{}'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE clients DROP COLUMN default_acr_values`);
  }
}
