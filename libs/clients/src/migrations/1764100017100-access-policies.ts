import { MigrationInterface, QueryRunner } from 'typeorm';

/** Who may use which app: group names on clients and APIs, clients on APIs, and their owners. */
export class AccessPolicies1764100017100 implements MigrationInterface {
  name = 'AccessPolicies1764100017100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE clients
        ADD COLUMN allowed_groups text[] NOT NULL DEFAULT '{}',
        ADD COLUMN groups_claim_filter text[] NOT NULL DEFAULT '{}',
        ADD COLUMN owners text[] NOT NULL DEFAULT '{}'`);
    await runner.query(`
      ALTER TABLE apis
        ADD COLUMN allowed_groups text[] NOT NULL DEFAULT '{}',
        ADD COLUMN allowed_clients text[] NOT NULL DEFAULT '{}',
        ADD COLUMN owners text[] NOT NULL DEFAULT '{}'`);
    // "Which clients use this group" and "what does this person own" are answered by these.
    await runner.query(`CREATE INDEX clients_allowed_groups_idx ON clients USING gin (allowed_groups)`);
    await runner.query(`CREATE INDEX clients_owners_idx ON clients USING gin (owners)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE apis DROP COLUMN owners, DROP COLUMN allowed_clients, DROP COLUMN allowed_groups`);
    await runner.query(`ALTER TABLE clients DROP COLUMN owners, DROP COLUMN groups_claim_filter, DROP COLUMN allowed_groups`);
  }
}
