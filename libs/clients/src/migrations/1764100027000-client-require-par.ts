import { MigrationInterface, QueryRunner } from 'typeorm';

/** RFC 9126 §6 client metadata require_pushed_authorization_requests. */
export class ClientRequirePar1764100027000 implements MigrationInterface {
  name = 'ClientRequirePar1764100027000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE clients ADD COLUMN require_pushed_authorization_requests boolean NOT NULL DEFAULT false`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE clients DROP COLUMN require_pushed_authorization_requests`);
  }
}
