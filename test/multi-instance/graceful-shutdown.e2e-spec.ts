import { ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, ADMIN_PASSWORD, ADMIN_USERNAME, usesPostgres } from '../support/test-server';
import { BrowserSession, submitLogin } from '../support/browser-session';
import { ensureBuilt, ServerProcess } from '../support/server-process';
import { throwawayDatabase, ThrowawayDatabase } from '../support/throwaway-database';

/** SIGTERM: requests already being served finish with real answers, then the process exits cleanly. */
(usesPostgres() ? describe : describe.skip)('graceful shutdown', () => {
  // Not useTestServer: the server is a process of its own, so SIGTERM can be sent to it.
  let database: ThrowawayDatabase;

  beforeAll(async () => {
    ensureBuilt();
    database = await throwawayDatabase();
  }, 120_000);

  afterAll(async () => {
    await database?.drop();
  });

  it('turns readiness red, finishes in-flight sign-ins (each an argon2 hash), then exits with code 0', async () => {
    const server = await ServerProcess.start({
      SHUTDOWN_DRAIN_MS: '1500',
      ...database.env,
      BOOTSTRAP_ADMIN_CLIENT_ID: ADMIN_CLIENT_ID,
      BOOTSTRAP_ADMIN_CLIENT_SECRET: ADMIN_CLIENT_SECRET,
      BOOTSTRAP_ADMIN_USERNAME: ADMIN_USERNAME,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    });
    const browsers = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const browser = new BrowserSession(server.baseUrl);
        return { browser, page: await browser.get('/login') };
      }),
    );
    const inFlight = browsers.map(({ browser, page }) => submitLogin(browser, page, ADMIN_USERNAME, ADMIN_PASSWORD));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const exitCode = server.terminate();
    const answers = await Promise.all(inFlight);
    expect(answers.map((answer) => answer.status)).toEqual(Array(4).fill(303));
    const ready = await fetch(`${server.baseUrl}/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('connection')).toBe('close');
    expect((await fetch(`${server.baseUrl}/health/live`)).status).toBe(200);
    expect(await exitCode).toBe(0);
    await expect(fetch(`${server.baseUrl}/health/live`)).rejects.toThrow();
  });
});
