import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * RFC 9449: the jti of every DPoP proof seen, keyed by the proof's key, kept until the proof could no
 * longer pass the iat window (one table shared by all instances, so a proof replayed to another instance is
 * caught); the key a public client's refresh token is bound to (§5) and the key a reference token is bound to (§6).
 */
export class Dpop1764100026000 implements MigrationInterface {
  name = 'Dpop1764100026000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE dpop_proof_jtis (jkt text NOT NULL, jti text NOT NULL, expires_at timestamptz NOT NULL, PRIMARY KEY (jkt, jti))`);
    await runner.query(`CREATE INDEX dpop_proof_jtis_expires_at ON dpop_proof_jtis (expires_at)`);
    await runner.query(`ALTER TABLE refresh_tokens ADD COLUMN dpop_jkt text`);
    await runner.query(`ALTER TABLE opaque_access_tokens ADD COLUMN cnf_jkt text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE opaque_access_tokens DROP COLUMN cnf_jkt`);
    await runner.query(`ALTER TABLE refresh_tokens DROP COLUMN dpop_jkt`);
    await runner.query(`DROP TABLE dpop_proof_jtis`);
  }
}
