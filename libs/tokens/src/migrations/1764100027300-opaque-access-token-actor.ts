import { MigrationInterface, QueryRunner } from 'typeorm';

/** RFC 8693 §4.1: the `act` claim of a reference token issued by token exchange. */
export class OpaqueAccessTokenActor1764100027300 implements MigrationInterface {
  name = 'OpaqueAccessTokenActor1764100027300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE opaque_access_tokens ADD COLUMN act jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE opaque_access_tokens DROP COLUMN act`);
  }
}
