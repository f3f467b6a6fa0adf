import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuditEvents1764100009000 implements MigrationInterface {
  name = 'CreateAuditEvents1764100009000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE audit_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        occurred_at timestamptz(3) NOT NULL DEFAULT now(),
        actor_type text NOT NULL CHECK (actor_type IN ('client', 'person', 'anonymous')),
        actor_id text,
        action text NOT NULL,
        target_type text,
        target_id text,
        ip text,
        user_agent text,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    // Newest first is the only order the log is read in; the filters narrow it further.
    await runner.query(`CREATE INDEX audit_events_occurred_at_idx ON audit_events (occurred_at DESC, id DESC)`);
    await runner.query(`CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, occurred_at DESC)`);
    await runner.query(`CREATE INDEX audit_events_target_idx ON audit_events (target_id, occurred_at DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE audit_events`);
  }
}
