import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Memberships an upstream directory manages carry its name (`source`): at each sign-in or sync they follow
 * the directory, while memberships an administrator made (no source) are left alone.
 */
export class GroupMemberSource1764100017050 implements MigrationInterface {
  name = 'GroupMemberSource1764100017050';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE group_members ADD COLUMN source text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE group_members DROP COLUMN source`);
  }
}
