import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How the person authenticated when granting: the `acr` level and the RFC 8176 `amr` methods of their
 * session, carried from a code or a device approval into every token of the grant. NULL when unknown
 * (rows written before the level was recorded).
 */
export class GrantAuthenticationLevel1764100020110 implements MigrationInterface {
  name = 'GrantAuthenticationLevel1764100020110';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE authorization_codes ADD COLUMN acr text, ADD COLUMN amr text[]`);
    await runner.query(`ALTER TABLE device_authorizations ADD COLUMN acr text, ADD COLUMN amr text[]`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE device_authorizations DROP COLUMN amr, DROP COLUMN acr`);
    await runner.query(`ALTER TABLE authorization_codes DROP COLUMN amr, DROP COLUMN acr`);
  }
}
