import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a provisioning client (Entra ID, Okta) sent for a person or group beyond the columns we keep
 * (title, phone numbers, the enterprise extension...), so that a SCIM read answers what was provisioned.
 * One row per person or group, removed with it. `display_name` is a group's SCIM name when it is not a
 * valid group name itself (spaces): the group is then named after it.
 */
export class CreateScimResources1764100021000 implements MigrationInterface {
  name = 'CreateScimResources1764100021000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE scim_resources (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id uuid UNIQUE REFERENCES users(id) ON DELETE CASCADE,
        group_id uuid UNIQUE REFERENCES groups(id) ON DELETE CASCADE,
        external_id text,
        display_name text,
        attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((user_id IS NULL) <> (group_id IS NULL))
      )`);
    // The lookups Entra ID and Okta make before every create: by externalId, and a group by its name.
    await runner.query(`CREATE INDEX scim_resources_user_external_id ON scim_resources (external_id) WHERE user_id IS NOT NULL`);
    await runner.query(`CREATE INDEX scim_resources_group_external_id ON scim_resources (external_id) WHERE group_id IS NOT NULL`);
    // A group's displayName filter reaches this through GROUP_COLUMNS (scim-groups.service.ts). Not partial:
    // the planner keeps no statistics for a partial index's expression and would guess a seq scan instead.
    await runner.query(`CREATE INDEX scim_resources_group_display_name ON scim_resources (lower(display_name))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE scim_resources`);
  }
}
