import { AdminApi } from './admin';
import { startTestServer, TestServer } from './test-server';

/** The server a test file runs against and an admin API caller for it, both ready once `beforeAll` has run. */
export interface ServerFixture {
  readonly server: TestServer;
  readonly admin: AdminApi;
}

/**
 * Starts a test server (with `env` on top of the test defaults) and connects the admin API before the
 * enclosing describe's tests, and closes the server after them. Read `server` and `admin` inside hooks and
 * tests: they are not there yet while the describe block is being declared.
 */
export function useTestServer(env: Record<string, string> = {}): ServerFixture {
  let server: TestServer | undefined;
  let admin: AdminApi | undefined;

  beforeAll(async () => {
    server = await startTestServer(env);
    admin = await AdminApi.connect(server);
  });

  afterAll(async () => {
    await server?.close();
  });

  return {
    get server(): TestServer {
      if (!server) throw new Error('the test server is started in beforeAll; read it inside a hook or test');
      return server;
    },
    get admin(): AdminApi {
      if (!admin) throw new Error('the admin API is connected in beforeAll; read it inside a hook or test');
      return admin;
    },
  };
}
