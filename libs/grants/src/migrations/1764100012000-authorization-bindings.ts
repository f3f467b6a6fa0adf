import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an authorization request binds beyond its scopes: the RFC 8707 resource, which the code carries to
 * the token endpoint, and the person an id_token_hint named (OIDC Core §3.1.2.1), checked after sign-in.
 * The authorization endpoint accepts one `resource` (RFC 6749 §3.1: no repeated parameters), so a single
 * text value holds it. Both are null when the request did not name them.
 */
export class AuthorizationBindings1764100012000 implements MigrationInterface {
  name = 'AuthorizationBindings1764100012000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE authorization_requests ADD COLUMN resource text`);
    await runner.query(`ALTER TABLE authorization_requests ADD COLUMN id_token_hint_subject text`);
    await runner.query(`ALTER TABLE authorization_codes ADD COLUMN resource text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE authorization_codes DROP COLUMN resource`);
    await runner.query(`ALTER TABLE authorization_requests DROP COLUMN id_token_hint_subject`);
    await runner.query(`ALTER TABLE authorization_requests DROP COLUMN resource`);
  }
}
