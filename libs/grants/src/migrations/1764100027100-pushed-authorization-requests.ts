import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * RFC 9126 pushed authorization requests: the validated parameters, keyed by the hash of the request_uri,
 * until /authorize consumes them once or they expire.
 */
export class PushedAuthorizationRequests1764100027100 implements MigrationInterface {
  name = 'PushedAuthorizationRequests1764100027100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE pushed_authorization_requests (
      uri_hash text PRIMARY KEY,
      client_id text NOT NULL REFERENCES clients(client_id) ON DELETE CASCADE,
      params jsonb NOT NULL,
      expires_at timestamptz NOT NULL
    )`);
    await runner.query(`CREATE INDEX pushed_authorization_requests_expires_at ON pushed_authorization_requests (expires_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE pushed_authorization_requests`);
  }
}
