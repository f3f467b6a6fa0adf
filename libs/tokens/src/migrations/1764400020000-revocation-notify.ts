import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every row written to the revocation tables is announced on the `revocations` channel when its
 * transaction commits, by the database itself: instances answering from memory learn of a revocation
 * whichever release wrote it (a rolling upgrade runs old and new side by side). New function and
 * triggers only; the release before ignores them.
 */
export class RevocationNotify1764400020000 implements MigrationInterface {
  name = 'RevocationNotify1764400020000';

  async up(runner: QueryRunner): Promise<void> {
    // One branch per table: PL/pgSQL plans a statement when it first runs it, so each reads only its own columns.
    await runner.query(`
      CREATE FUNCTION revocation_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'revoked_tokens' THEN
          PERFORM pg_notify('revocations', json_build_object('kind', 'token', 'key', NEW.jti, 'expires_at', extract(epoch FROM NEW.expires_at))::text);
        ELSIF TG_TABLE_NAME = 'revoked_grants' THEN
          PERFORM pg_notify('revocations', json_build_object('kind', 'grant', 'key', NEW.grant_id, 'expires_at', extract(epoch FROM NEW.expires_at))::text);
        ELSE
          PERFORM pg_notify('revocations', json_build_object('kind', 'cutoff', 'key', NEW.key, 'issued_before', extract(epoch FROM NEW.issued_before),
                                                             'expires_at', extract(epoch FROM NEW.expires_at))::text);
        END IF;
        RETURN NULL;
      END $$`);
    for (const table of ['revoked_tokens', 'revoked_grants', 'revocation_cutoffs']) {
      await runner.query(`CREATE TRIGGER ${table}_notify AFTER INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION revocation_notify()`);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['revoked_tokens', 'revoked_grants', 'revocation_cutoffs']) await runner.query(`DROP TRIGGER ${table}_notify ON ${table}`);
    await runner.query(`DROP FUNCTION revocation_notify()`);
  }
}
