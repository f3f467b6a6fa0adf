import { ensureBuilt, ServerProcess } from '../support/server-process';
import { withDatabaseClient } from '../support/database-client';
import { throwawayDatabase, ThrowawayDatabase } from '../support/throwaway-database';

const FUTURE_MIGRATION = 'AddSomethingFromTheFuture1799999999999';
const { version } = require('../../package.json') as { version: string };

/** What a refused start leaves behind must equal what was there: the migrations and the tables. */
const schemaOf = (database: ThrowawayDatabase) =>
  withDatabaseClient(database, async (client) => ({
    migrations: (await client.query('SELECT id, timestamp, name FROM migrations ORDER BY id')).rows,
    tables: (await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`)).rows,
  }));

/** A server must not run on a schema a newer release migrated: it says so and stops before touching it. */
describe('a schema newer than the build', () => {
  let database: ThrowawayDatabase;

  beforeAll(async () => {
    ensureBuilt();
    database = await throwawayDatabase();
    // A first start on the embedded database runs initdb, which a busy machine stretches.
    const first = await ServerProcess.start({ ...database.env, SHUTDOWN_DRAIN_MS: '0' }, { readyTimeoutMs: 90_000 });
    await first.stop();
    await withDatabaseClient(database, (client) =>
      client.query('INSERT INTO migrations (timestamp, name) VALUES ($1, $2)', [1799999999999, FUTURE_MIGRATION]),
    );
  }, 120_000);

  afterAll(() => database?.drop());

  it('refuses to start with exit code 78, naming the unknown migration, the build version and what to do; the database stays as it was', async () => {
    const before = await schemaOf(database);

    const outcome = await ServerProcess.start({ ...database.env, SHUTDOWN_DRAIN_MS: '0' }).then(
      async (server) => {
        await server.stop();
        return 'started';
      },
      (error: Error) => error.message,
    );

    expect(outcome).toMatch(/^server exited with 78: /);
    expect(outcome).toContain(`it lists migration(s) this build does not know: ${FUTURE_MIGRATION}`);
    expect(outcome).toContain(`(version ${version})`);
    expect(outcome).toContain('run that release or restore a backup taken before the upgrade');
    expect(outcome).not.toMatch(/\n\s+at /);
    expect(await schemaOf(database)).toEqual(before);
    expect(before.migrations.map((row: { name: string }) => row.name)).toContain(FUTURE_MIGRATION);
  }, 120_000);
});
