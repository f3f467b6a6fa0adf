import type { Browser, Page } from 'playwright-core';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { signInToConsole } from '../support/console-browser';
import { ensureConsoleBuilt } from '../support/console-build';
import { useTestServer } from '../support/server-fixture';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../support/test-server';

describeWithChromium('admin console: DPoP-bound tokens per application', () => {
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

  it('turns dpop_bound_access_tokens on and off, and other saves keep it', async () => {
    const app = await ctx.admin.registerClient({ client_name: 'Bound app', redirect_uris: ['https://app.example.com/callback'], first_party: true, scope: 'openid' });
    await page.goto(`${ctx.server.config.issuer}/console/applications/${app.client_id}`);
    const checkbox = page.getByLabel('Require DPoP-bound tokens');
    expect(await checkbox.isChecked()).toBe(false);
    await checkbox.check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    expect((await ctx.admin.get(`/admin/v1/clients/${app.client_id}`)).body).toMatchObject({ dpop_bound_access_tokens: true });

    await page.reload();
    expect(await page.getByLabel('Require DPoP-bound tokens').isChecked()).toBe(true);
    await page.getByLabel('Require DPoP-bound tokens').uncheck();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    expect((await ctx.admin.get(`/admin/v1/clients/${app.client_id}`)).body).toMatchObject({ dpop_bound_access_tokens: false });
  });
});
