import type { Browser, Page } from 'playwright-core';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { ensureConsoleBuilt } from '../support/console-build';
import { signInToConsole } from '../support/console-browser';
import { useTestServer } from '../support/server-fixture';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../support/test-server';

/** The per-client and per-API switches of pushed authorization requests and token exchange. */
describeWithChromium('admin console: PAR and token exchange settings', () => {
  beforeAll(() => ensureConsoleBuilt(), 120_000);
  const ctx = useTestServer();
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    ({ page } = await signInToConsole(browser, ctx.server.config.issuer, ADMIN_USERNAME, ADMIN_PASSWORD));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('an application can be made to require pushed authorization requests', async () => {
    const app = await ctx.admin.registerClient({ client_name: 'Wiki', redirect_uris: ['https://app.example.com/callback'], scope: 'openid' });
    await page.goto(`${ctx.server.config.issuer}/console/applications/${app.client_id}`);
    await page.getByLabel('Require pushed authorization requests (PAR)').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    expect((await ctx.admin.get(`/admin/v1/clients/${app.client_id}`)).body).toMatchObject({ require_pushed_authorization_requests: true });
  });

  it('an API lists the clients that may exchange tokens toward it', async () => {
    const service = await ctx.admin.registerClient({ client_name: 'Orders service', grant_types: ['urn:ietf:params:oauth:grant-type:token-exchange'] });
    const created = await ctx.admin.send<{ id: string }>('POST', '/admin/v1/apis', { identifier: 'https://billing.example.com', name: 'Billing', scopes: [{ name: 'billing:read' }] });
    await page.goto(`${ctx.server.config.issuer}/console/apis/${created.body.id}`);
    await page.getByText('No client may exchange').waitFor();
    await page.getByLabel('Add exchanging client').fill(service.client_id);
    await page.getByLabel('Add exchanging client').press('Enter');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    const saved = await ctx.admin.get(`/admin/v1/apis/${created.body.id}`);
    expect(saved.body).toMatchObject({ token_exchange: { allowed_clients: [service.client_id] }, allowed_clients: [] });
  });
});
