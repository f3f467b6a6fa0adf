import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The RFC 8707 resource a grant's access tokens were issued for. Every rotation of a family copies it, so a
 * refresh token can only ever target the resource its grant was bound to (RFC 8707 §2.2). Null for grants
 * issued without a resource, which let each refresh request choose as before.
 */
export class RefreshTokenResource1764100013000 implements MigrationInterface {
  name = 'RefreshTokenResource1764100013000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE refresh_tokens ADD COLUMN resource text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE refresh_tokens DROP COLUMN resource`);
  }
}
