import { MigrationInterface, QueryRunner } from 'typeorm';

/** OIDC Dynamic Client Registration §2: each client's ID token algorithm, RS256 unless it asks otherwise. */
export class IdTokenSigningAlgorithm1764100011000 implements MigrationInterface {
  name = 'IdTokenSigningAlgorithm1764100011000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE clients ADD COLUMN id_token_signed_response_alg text NOT NULL DEFAULT 'RS256'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE clients DROP COLUMN id_token_signed_response_alg`);
  }
}
