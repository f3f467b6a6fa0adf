import { MigrationInterface, QueryRunner } from 'typeorm';

/** A `next` key is published in the JWKS before it signs, so verifiers know it before they meet it. */
export class PrepublishNextSigningKey1764100007000 implements MigrationInterface {
  name = 'PrepublishNextSigningKey1764100007000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE signing_keys DROP CONSTRAINT IF EXISTS signing_keys_status_check`);
    await runner.query(`ALTER TABLE signing_keys ADD CONSTRAINT signing_keys_status_check CHECK (status IN ('next', 'active', 'retired'))`);
    await runner.query(`CREATE UNIQUE INDEX signing_keys_one_next ON signing_keys ((true)) WHERE status = 'next'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM signing_keys WHERE status = 'next'`);
    await runner.query(`DROP INDEX signing_keys_one_next`);
    await runner.query(`ALTER TABLE signing_keys DROP CONSTRAINT signing_keys_status_check`);
    await runner.query(`ALTER TABLE signing_keys ADD CONSTRAINT signing_keys_status_check CHECK (status IN ('active', 'retired'))`);
  }
}
