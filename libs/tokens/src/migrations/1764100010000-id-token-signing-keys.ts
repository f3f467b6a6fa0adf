import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signing keys get a purpose. `tokens` keys sign access tokens and ID tokens in SIGNING_ALG; `id_token` keys
 * are RS256 keys kept beside them because OpenID providers must be able to sign ID tokens with RS256
 * (OIDC Core §15.1). Each purpose has its own active and next key.
 */
export class IdTokenSigningKeys1764100010000 implements MigrationInterface {
  name = 'IdTokenSigningKeys1764100010000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE signing_keys ADD COLUMN purpose text NOT NULL DEFAULT 'tokens' CHECK (purpose IN ('tokens', 'id_token'))`);
    await runner.query(`DROP INDEX signing_keys_one_active`);
    await runner.query(`DROP INDEX signing_keys_one_next`);
    await runner.query(`CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (purpose) WHERE status = 'active'`);
    await runner.query(`CREATE UNIQUE INDEX signing_keys_one_next ON signing_keys (purpose) WHERE status = 'next'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM signing_keys WHERE purpose = 'id_token'`);
    await runner.query(`DROP INDEX signing_keys_one_active`);
    await runner.query(`DROP INDEX signing_keys_one_next`);
    await runner.query(`ALTER TABLE signing_keys DROP COLUMN purpose`);
    await runner.query(`CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys ((true)) WHERE status = 'active'`);
    await runner.query(`CREATE UNIQUE INDEX signing_keys_one_next ON signing_keys ((true)) WHERE status = 'next'`);
  }
}
