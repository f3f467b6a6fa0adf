import { MigrationInterface, QueryRunner } from 'typeorm';

/** RFC 9449 §10: the `dpop_jkt` of an authorization request, carried by its code to the token endpoint. */
export class AuthorizationDpopJkt1764100026100 implements MigrationInterface {
  name = 'AuthorizationDpopJkt1764100026100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE authorization_requests ADD COLUMN dpop_jkt text`);
    await runner.query(`ALTER TABLE authorization_codes ADD COLUMN dpop_jkt text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE authorization_codes DROP COLUMN dpop_jkt`);
    await runner.query(`ALTER TABLE authorization_requests DROP COLUMN dpop_jkt`);
  }
}
