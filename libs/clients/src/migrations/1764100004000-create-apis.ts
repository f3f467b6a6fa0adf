import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateApis1764100004000 implements MigrationInterface {
  name = 'CreateApis1764100004000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE apis (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        identifier text NOT NULL UNIQUE,
        name text NOT NULL,
        scopes jsonb NOT NULL DEFAULT '[]',
        access_token_ttl integer,
        access_token_format text NOT NULL DEFAULT 'jwt' CHECK (access_token_format IN ('jwt', 'opaque')),
        client_id text NOT NULL REFERENCES clients (client_id) ON DELETE RESTRICT,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX apis_created_at_idx ON apis (created_at, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE apis`);
  }
}
