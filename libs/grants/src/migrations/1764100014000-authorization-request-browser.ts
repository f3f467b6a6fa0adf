import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A pending authorization request belongs to the browser that started it (the digest of its `browser`
 * cookie) and its consent to the person who gave it. Requests stored before this have neither and are
 * continued by no one: they expire within minutes, and their person starts again.
 */
export class AuthorizationRequestBrowser1764100014000 implements MigrationInterface {
  name = 'AuthorizationRequestBrowser1764100014000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE authorization_requests ADD COLUMN browser_hash text`);
    await runner.query(`ALTER TABLE authorization_requests ADD COLUMN consented_by uuid`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE authorization_requests DROP COLUMN consented_by`);
    await runner.query(`ALTER TABLE authorization_requests DROP COLUMN browser_hash`);
  }
}
