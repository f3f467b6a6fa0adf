import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateGroups1764100017000 implements MigrationInterface {
  name = 'CreateGroups1764100017000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // "Engineering" and "engineering" would be one name to a person reading a token: one group.
    await runner.query(`CREATE UNIQUE INDEX groups_name_lower_idx ON groups (lower(name))`);
    await runner.query(`CREATE INDEX groups_created_at_idx ON groups (created_at, id)`);
    await runner.query(`
      CREATE TABLE group_members (
        group_id uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, user_id)
      )`);
    await runner.query(`CREATE INDEX group_members_user_idx ON group_members (user_id)`);
    // A group inside a group: the child's members are members of the parent.
    await runner.query(`
      CREATE TABLE group_subgroups (
        parent_id uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        child_id uuid NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (parent_id, child_id),
        CHECK (parent_id <> child_id)
      )`);
    await runner.query(`CREATE INDEX group_subgroups_child_idx ON group_subgroups (child_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE group_subgroups`);
    await runner.query(`DROP TABLE group_members`);
    await runner.query(`DROP TABLE groups`);
  }
}
