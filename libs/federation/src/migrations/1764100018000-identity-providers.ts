import { MigrationInterface, QueryRunner } from 'typeorm';

export class IdentityProviders1764100018000 implements MigrationInterface {
  name = 'IdentityProviders1764100018000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE identity_providers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        type text NOT NULL CHECK (type IN ('oidc', 'ldap')),
        display_name text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        -- Everything but the secret; the secret is sealed under KEY_ENCRYPTION_SECRET when it is set.
        config jsonb NOT NULL DEFAULT '{}',
        secret text,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A person signed in through a provider is known by the provider's own identifier for them (OIDC sub,
    // LDAP entry UUID), never by a username or e-mail address an upstream could reassign.
    await runner.query(`
      CREATE TABLE federated_identities (
        provider_id uuid NOT NULL REFERENCES identity_providers (id) ON DELETE CASCADE,
        subject text NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_sign_in_at timestamptz,
        PRIMARY KEY (provider_id, subject)
      )`);
    await runner.query(`CREATE INDEX federated_identities_user_idx ON federated_identities (user_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE federated_identities`);
    await runner.query(`DROP TABLE identity_providers`);
  }
}
