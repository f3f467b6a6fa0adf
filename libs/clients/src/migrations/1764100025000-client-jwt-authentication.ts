import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * RFC 7523 client assertions (private_key_jwt, client_secret_jwt) with their keys and single-use `jti`s,
 * and the RFC 9701 algorithm of a client's JWT introspection answers.
 */
export class ClientJwtAuthentication1764100025000 implements MigrationInterface {
  name = 'ClientJwtAuthentication1764100025000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE clients
      ADD COLUMN introspection_signed_response_alg text NOT NULL DEFAULT 'RS256',
      ADD COLUMN jwks jsonb,
      ADD COLUMN jwks_uri text,
      ADD COLUMN token_endpoint_auth_signing_alg text,
      ADD COLUMN client_secret_sealed text,
      DROP CONSTRAINT clients_auth_method_check,
      ADD CONSTRAINT clients_auth_method_check CHECK (token_endpoint_auth_method IN
        ('client_secret_basic', 'client_secret_post', 'none', 'private_key_jwt', 'client_secret_jwt')),
      DROP CONSTRAINT clients_secret_matches_method,
      ADD CONSTRAINT clients_secret_matches_method
        CHECK ((token_endpoint_auth_method IN ('none', 'private_key_jwt')) = (client_secret_hash IS NULL)),
      ADD CONSTRAINT clients_sealed_secret_for_jwt
        CHECK (client_secret_sealed IS NULL OR token_endpoint_auth_method = 'client_secret_jwt'),
      ADD CONSTRAINT clients_one_key_source CHECK (jwks IS NULL OR jwks_uri IS NULL)`);
    await runner.query(`CREATE TABLE client_assertion_jtis (
      client_id text NOT NULL,
      jti text NOT NULL,
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (client_id, jti))`);
    await runner.query(`CREATE INDEX client_assertion_jtis_expires_at ON client_assertion_jtis (expires_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE client_assertion_jtis`);
    await runner.query(`DELETE FROM clients WHERE token_endpoint_auth_method IN ('private_key_jwt', 'client_secret_jwt')`);
    await runner.query(`ALTER TABLE clients
      DROP CONSTRAINT clients_one_key_source, DROP CONSTRAINT clients_sealed_secret_for_jwt,
      DROP CONSTRAINT clients_secret_matches_method,
      ADD CONSTRAINT clients_secret_matches_method CHECK ((token_endpoint_auth_method = 'none') = (client_secret_hash IS NULL)),
      DROP CONSTRAINT clients_auth_method_check,
      ADD CONSTRAINT clients_auth_method_check CHECK (token_endpoint_auth_method IN ('client_secret_basic', 'client_secret_post', 'none')),
      DROP COLUMN introspection_signed_response_alg, DROP COLUMN jwks, DROP COLUMN jwks_uri,
      DROP COLUMN token_endpoint_auth_signing_alg, DROP COLUMN client_secret_sealed`);
  }
}
