import { MigrationInterface, QueryRunner } from 'typeorm';

/** OIDC Back-Channel Logout 1.0 §2.2 and Front-Channel Logout 1.0 §2 client metadata. */
export class ClientLogoutUris1764100022000 implements MigrationInterface {
  name = 'ClientLogoutUris1764100022000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE clients
      ADD COLUMN backchannel_logout_uri text,
      ADD COLUMN backchannel_logout_session_required boolean NOT NULL DEFAULT false,
      ADD COLUMN frontchannel_logout_uri text,
      ADD COLUMN frontchannel_logout_session_required boolean NOT NULL DEFAULT false`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE clients
      DROP COLUMN backchannel_logout_uri, DROP COLUMN backchannel_logout_session_required,
      DROP COLUMN frontchannel_logout_uri, DROP COLUMN frontchannel_logout_session_required`);
  }
}
