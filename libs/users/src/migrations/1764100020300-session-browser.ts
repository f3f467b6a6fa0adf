import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A session remembers the browser and address it was started from, so the person's list of sessions can
 * say which device each one is and a session they do not recognise stands out.
 */
export class SessionBrowser1764100020300 implements MigrationInterface {
  name = 'SessionBrowser1764100020300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE sso_sessions ADD COLUMN user_agent text, ADD COLUMN ip text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE sso_sessions DROP COLUMN user_agent, DROP COLUMN ip`);
  }
}
