import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateClients1764100000000 implements MigrationInterface {
  name = 'CreateClients1764100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE clients (
        client_id text PRIMARY KEY,
        client_secret_hash text,
        client_name text NOT NULL,
        application_type text NOT NULL DEFAULT 'web',
        redirect_uris text[] NOT NULL DEFAULT '{}',
        post_logout_redirect_uris text[] NOT NULL DEFAULT '{}',
        grant_types text[] NOT NULL,
        response_types text[] NOT NULL DEFAULT '{}',
        token_endpoint_auth_method text NOT NULL,
        scopes text[] NOT NULL DEFAULT '{}',
        contacts text[] NOT NULL DEFAULT '{}',
        logo_uri text,
        client_uri text,
        policy_uri text,
        tos_uri text,
        first_party boolean NOT NULL DEFAULT false,
        require_pkce boolean NOT NULL DEFAULT true,
        allow_plain_pkce boolean NOT NULL DEFAULT false,
        access_token_ttl integer,
        refresh_token_ttl integer,
        api_identifier text,
        -- millisecond precision, as JavaScript dates carry, so pagination cursors compare exactly
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT clients_auth_method_check
          CHECK (token_endpoint_auth_method IN ('client_secret_basic', 'client_secret_post', 'none')),
        CONSTRAINT clients_secret_matches_method
          CHECK ((token_endpoint_auth_method = 'none') = (client_secret_hash IS NULL))
      )`);
    await runner.query(`CREATE INDEX clients_created_at_idx ON clients (created_at, client_id)`);
    await runner.query(`CREATE INDEX clients_api_identifier_idx ON clients (api_identifier) WHERE api_identifier IS NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE clients`);
  }
}
