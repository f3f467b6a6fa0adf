import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reference token's `groups` and `roles`, kept as they were at issuance so that introspection reports
 * what was issued, as it does for a JWT. NULL when the token's scopes did not ask for the claim, which is
 * not the same as an empty list.
 */
export class OpaqueAccessTokenClaims1764100017400 implements MigrationInterface {
  name = 'OpaqueAccessTokenClaims1764100017400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE opaque_access_tokens ADD COLUMN groups text[], ADD COLUMN roles text[]`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE opaque_access_tokens DROP COLUMN roles, DROP COLUMN groups`);
  }
}
