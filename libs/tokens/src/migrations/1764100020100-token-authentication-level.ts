import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `acr` and `amr` of the authentication a grant started from. A refresh token keeps them for the
 * access tokens it yields (a refresh is no new authentication); a reference token keeps them for
 * introspection. NULL when unknown, as for client_credentials tokens.
 */
export class TokenAuthenticationLevel1764100020100 implements MigrationInterface {
  name = 'TokenAuthenticationLevel1764100020100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE refresh_tokens ADD COLUMN acr text, ADD COLUMN amr text[]`);
    await runner.query(`ALTER TABLE opaque_access_tokens ADD COLUMN acr text, ADD COLUMN amr text[]`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE opaque_access_tokens DROP COLUMN amr, DROP COLUMN acr`);
    await runner.query(`ALTER TABLE refresh_tokens DROP COLUMN amr, DROP COLUMN acr`);
  }
}
