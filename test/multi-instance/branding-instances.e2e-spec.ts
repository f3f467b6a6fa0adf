import { BRANDING_STALENESS_MS } from '@app/branding';
import { AdminApi } from '../support/admin';
import { BrowserSession } from '../support/browser-session';
import { ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, TestServer, usesPostgres } from '../support/test-server';
import { authorizeWithPkce, registerWebClient } from '../support/sign-in';
import { ensureBuilt, ServerProcess } from '../support/server-process';
import { throwawayDatabase, ThrowawayDatabase } from '../support/throwaway-database';

/**
 * Two server processes on one PostgreSQL database: a branding set or reset through one reaches the
 * pages of the other within the staleness bound (at once through the change feed, in practice).
 */
(usesPostgres() ? describe : describe.skip)('branding across two instances', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let adminA: AdminApi;
  let database: ThrowawayDatabase;
  let clientId: string;

  const asServer = (instance: ServerProcess) => ({ baseUrl: instance.baseUrl }) as TestServer;

  beforeAll(async () => {
    ensureBuilt();
    database = await throwawayDatabase();
    const env = {
      ...database.env,
      ISSUER: 'http://auth.test.internal',
      BOOTSTRAP_ADMIN_CLIENT_ID: ADMIN_CLIENT_ID,
      BOOTSTRAP_ADMIN_CLIENT_SECRET: ADMIN_CLIENT_SECRET,
    };
    [a, b] = await Promise.all([ServerProcess.start(env), ServerProcess.start(env)]);
    adminA = await AdminApi.connect(asServer(a));
    clientId = (await registerWebClient(adminA, { client_name: 'Orders' })).client_id;
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  async function signInPageOn(instance: ServerProcess): Promise<string> {
    const browser = new BrowserSession(instance.baseUrl);
    const page = await browser.follow(await browser.get(authorizeWithPkce(clientId, { scope: 'openid' }).url));
    expect(page.status).toBe(200);
    return page.text;
  }

  /** How long until the other instance's page satisfies `shown`; fails past the staleness bound. */
  async function millisecondsUntil(shown: (page: string) => boolean): Promise<number> {
    const started = Date.now();
    while (!shown(await signInPageOn(b))) {
      if (Date.now() - started > BRANDING_STALENESS_MS + 5_000) throw new Error('the other instance kept the old branding past the bound');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return Date.now() - started;
  }

  it('shows a branding set on one instance on the other, and its reset too', async () => {
    // The other instance has read (and cached) the built-in look first.
    expect(await signInPageOn(b)).not.toContain('<header class="brand">');
    expect((await adminA.send('PUT', '/admin/v1/branding', { organization_name: 'Acme Two' })).status).toBe(200);
    expect(await millisecondsUntil((page) => page.includes('<span class="brand-name">Acme Two</span>'))).toBeLessThan(BRANDING_STALENESS_MS);

    expect((await adminA.send('DELETE', '/admin/v1/branding')).status).toBe(204);
    expect(await millisecondsUntil((page) => !page.includes('<header class="brand">'))).toBeLessThan(BRANDING_STALENESS_MS);
  }, 120_000);
});
