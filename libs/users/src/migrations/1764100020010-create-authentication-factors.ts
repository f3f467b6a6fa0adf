import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Second factors and passkeys. One row per factor: a WebAuthn credential (passkey or security key) or a
 * TOTP authenticator app, whose secret is sealed at rest and which counts only once confirmed by a code.
 * Recovery codes are stored as SHA-256 hashes (they are long random values, not passwords), used once.
 * WebAuthn challenges are kept server-side, found by the hash of a random handle, and consumed once.
 */
export class CreateAuthenticationFactors1764100020010 implements MigrationInterface {
  name = 'CreateAuthenticationFactors1764100020010';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE authentication_factors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('passkey', 'totp')),
        label text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        credential_id text UNIQUE,
        public_key bytea,
        sign_count bigint,
        transports text[],
        device_type text,
        backed_up boolean,
        totp_secret text,
        confirmed_at timestamptz,
        last_used_step bigint,
        CHECK (type <> 'passkey' OR (credential_id IS NOT NULL AND public_key IS NOT NULL AND sign_count IS NOT NULL)),
        CHECK (type <> 'totp' OR totp_secret IS NOT NULL)
      )`);
    await runner.query(`CREATE INDEX authentication_factors_user_idx ON authentication_factors (user_id)`);
    await runner.query(`
      CREATE TABLE recovery_codes (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz,
        PRIMARY KEY (user_id, code_hash)
      )`);
    await runner.query(`
      CREATE TABLE webauthn_challenges (
        handle_hash text PRIMARY KEY,
        purpose text NOT NULL,
        user_id uuid REFERENCES users (id) ON DELETE CASCADE,
        challenge text NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE webauthn_challenges`);
    await runner.query(`DROP TABLE recovery_codes`);
    await runner.query(`DROP TABLE authentication_factors`);
  }
}
