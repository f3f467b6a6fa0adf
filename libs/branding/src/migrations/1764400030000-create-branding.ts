import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The organization's branding of the pages: at most one row, so "no row" is the built-in look. A new
 * table only, so the release before it keeps running while this one migrates.
 */
export class CreateBranding1764400030000 implements MigrationInterface {
  name = 'CreateBranding1764400030000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE branding (
        id smallint PRIMARY KEY CHECK (id = 1),
        organization_name varchar(100) NOT NULL,
        logo_uri text,
        primary_color char(7) CHECK (primary_color ~ '^#[0-9a-fA-F]{6}$'),
        custom_css text,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE branding`);
  }
}
