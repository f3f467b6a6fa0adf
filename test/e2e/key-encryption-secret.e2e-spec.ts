import { AdminApi } from '../support/admin';
import { ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, TestServer } from '../support/test-server';
import { throwawayDatabase, ThrowawayDatabase } from '../support/throwaway-database';
import { ensureBuilt, ServerProcess } from '../support/server-process';

const SECRET = 'first-key-encryption-secret-0123456789';
const OTHER_SECRET = 'another-key-encryption-secret-9876543210';

/**
 * Private signing keys are stored encrypted under KEY_ENCRYPTION_SECRET. A restart on the same database
 * with the secret gone or changed must stop at once, saying so (never printing a secret), rather than
 * start healthy and fail later when a key it cannot read is needed.
 */
describe('KEY_ENCRYPTION_SECRET across restarts', () => {
  // Not useTestServer: server processes restarted on one database with another secret.
  const databases: ThrowawayDatabase[] = [];
  const running: ServerProcess[] = [];

  const start = async (database: ThrowawayDatabase, secret: string | undefined) => {
    const server = await ServerProcess.start({
      ...database.env,
      KEY_ENCRYPTION_SECRET: secret ?? '',
      SHUTDOWN_DRAIN_MS: '0',
      BOOTSTRAP_ADMIN_CLIENT_ID: ADMIN_CLIENT_ID,
      BOOTSTRAP_ADMIN_CLIENT_SECRET: ADMIN_CLIENT_SECRET,
    });
    running.push(server);
    return server;
  };
  /** Starts and stops a server; the error message when it refused to start. */
  const refusalOf = (database: ThrowawayDatabase, secret: string | undefined) =>
    start(database, secret).then(
      async (server) => {
        await server.stop();
        return undefined;
      },
      (error: Error) => error.message,
    );
  const rotate = async (server: ServerProcess) => {
    const admin = await AdminApi.connect({ baseUrl: server.baseUrl } as TestServer);
    return (await admin.send('POST', '/admin/v1/keys/rotate', {})).status;
  };
  const newDatabase = async () => {
    const database = await throwawayDatabase();
    databases.push(database);
    return database;
  };

  beforeAll(() => ensureBuilt());

  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.stop()));
  });

  afterAll(async () => {
    await Promise.all(databases.map((database) => database.drop()));
  });

  describe('keys encrypted with a secret', () => {
    let database: ThrowawayDatabase;

    beforeAll(async () => {
      database = await newDatabase();
      const first = await start(database, SECRET);
      await first.stop();
    }, 120_000);

    it('refuses to start when KEY_ENCRYPTION_SECRET is missing', async () => {
      const refusal = await refusalOf(database, undefined);
      expect(refusal).toMatch(/The signing keys in the database are encrypted, but KEY_ENCRYPTION_SECRET is not set/);
    }, 120_000);

    it('refuses to start with another KEY_ENCRYPTION_SECRET, and prints neither secret', async () => {
      const refusal = await refusalOf(database, OTHER_SECRET);
      expect(refusal).toMatch(/The signing keys in the database were encrypted with another KEY_ENCRYPTION_SECRET than the one set/);
      expect(refusal).not.toContain(SECRET);
      expect(refusal).not.toContain(OTHER_SECRET);
    }, 120_000);

    it('starts with the secret the keys were encrypted with, and rotates', async () => {
      const server = await start(database, SECRET);
      expect(await rotate(server)).toBe(200);
    }, 120_000);
  });

  it('starts on keys stored unencrypted once a secret is set, and encrypts the keys it creates from then on', async () => {
    const database = await newDatabase();
    await (await start(database, undefined)).stop();

    const withSecret = await start(database, SECRET);
    expect(await rotate(withSecret)).toBe(200);
    await withSecret.stop();

    // The key published as next by that rotation was created under the secret: without it, no start.
    expect(await refusalOf(database, undefined)).toMatch(/KEY_ENCRYPTION_SECRET is not set/);
    expect(await refusalOf(database, SECRET)).toBeUndefined();
  }, 180_000);
});
