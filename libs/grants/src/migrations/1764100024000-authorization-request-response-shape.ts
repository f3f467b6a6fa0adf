import { MigrationInterface, QueryRunner } from 'typeorm';

/** How a pending authorization request is answered: a code or an ID Token, in the query, fragment or a form post. */
export class AuthorizationRequestResponseShape1764100024000 implements MigrationInterface {
  name = 'AuthorizationRequestResponseShape1764100024000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE authorization_requests ADD COLUMN response_type text NOT NULL DEFAULT 'code'`);
    await runner.query(`ALTER TABLE authorization_requests ADD COLUMN response_mode text NOT NULL DEFAULT 'query'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE authorization_requests DROP COLUMN response_mode`);
    await runner.query(`ALTER TABLE authorization_requests DROP COLUMN response_type`);
  }
}
