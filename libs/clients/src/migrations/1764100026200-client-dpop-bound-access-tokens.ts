import { MigrationInterface, QueryRunner } from 'typeorm';

/** RFC 9449 §5.2: `dpop_bound_access_tokens`, off for every existing client. */
export class ClientDpopBoundAccessTokens1764100026200 implements MigrationInterface {
  name = 'ClientDpopBoundAccessTokens1764100026200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE clients ADD COLUMN dpop_bound_access_tokens boolean NOT NULL DEFAULT false`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE clients DROP COLUMN dpop_bound_access_tokens`);
  }
}
