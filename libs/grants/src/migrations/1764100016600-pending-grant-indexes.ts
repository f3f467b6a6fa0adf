import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signing out, disabling a person or withdrawing a consent also ends what was granted but not yet redeemed:
 * codes and approved device authorizations of that person or session. Only those few rows are indexed.
 */
export class PendingGrantIndexes1764100016600 implements MigrationInterface {
  name = 'PendingGrantIndexes1764100016600';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX authorization_codes_pending_user_idx ON authorization_codes (user_id, client_id) WHERE consumed_at IS NULL`);
    await runner.query(`CREATE INDEX authorization_codes_pending_session_idx ON authorization_codes (session_id) WHERE consumed_at IS NULL`);
    await runner.query(`
      CREATE INDEX device_authorizations_approved_idx ON device_authorizations (user_id, client_id)
       WHERE status = 'approved' AND consumed_at IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX device_authorizations_approved_idx`);
    await runner.query(`DROP INDEX authorization_codes_pending_session_idx`);
    await runner.query(`DROP INDEX authorization_codes_pending_user_idx`);
  }
}
