import { MigrationInterface, QueryRunner } from 'typeorm';

/** RFC 8693 policy of an API: the clients that may exchange a token for one meant for it. */
export class ApiTokenExchange1764100027200 implements MigrationInterface {
  name = 'ApiTokenExchange1764100027200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE apis ADD COLUMN token_exchange_allowed_clients text[] NOT NULL DEFAULT '{}'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE apis DROP COLUMN token_exchange_allowed_clients`);
  }
}
