import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An account name that reached the failure limit remembers until when it is locked, so the login page can
 * say when to try again and the console can show it; the moment is fixed when the lock starts.
 */
export class LoginLockout1764100020200 implements MigrationInterface {
  name = 'LoginLockout1764100020200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE login_attempts ADD COLUMN locked_until timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE login_attempts DROP COLUMN locked_until`);
  }
}
