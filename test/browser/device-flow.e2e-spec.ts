import type { Browser, Page } from 'playwright-core';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { decodeJwt } from '../support/http';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../support/test-server';
import { useTestServer } from '../support/server-fixture';
import { poll, registerDeviceClient, startOk } from '../support/device';

describeWithChromium('device flow in a real browser', () => {
  const ctx = useTestServer();
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('enters the code, signs in on the login page, approves, and the device gets its tokens', async () => {
    const client = await registerDeviceClient(ctx.admin, { client_name: 'Living Room TV' });
    const started = await startOk(ctx.server, client, { scope: 'openid api:read' });
    expect((await poll(ctx.server, client, started.device_code)).body.error).toBe('authorization_pending');

    // The person types the code by hand, in lower case and without the dash.
    await page.goto(started.verification_uri);
    await page.getByLabel('Code').fill(started.user_code.replace('-', '').toLowerCase());
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.waitForURL(/\/login\?/);
    await page.getByLabel('Username').fill(ADMIN_USERNAME);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Back on the verification page with the code kept.
    await page.waitForURL(/\/device\?user_code=/);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Allow access?' }).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('Living Room TV');
    expect(text).toContain('api:read');
    expect(text).toContain(started.user_code);
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.getByRole('heading', { name: 'Device connected' }).waitFor();

    const tokens = await poll(ctx.server, client, started.device_code);
    expect(tokens.status).toBe(200);
    expect(decodeJwt(tokens.body.access_token as string).payload.client_id).toBe(client.client_id);
    expect(tokens.body.id_token).toEqual(expect.any(String));
  });

  it('a second device in the same browser session skips the login page; Deny ends it', async () => {
    const client = await registerDeviceClient(ctx.admin, { client_name: 'Kitchen Display' });
    const started = await startOk(ctx.server, client);
    await page.goto(started.verification_uri_complete);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Allow access?' }).waitFor();
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.getByRole('heading', { name: 'Access denied' }).waitFor();
    expect((await poll(ctx.server, client, started.device_code)).body.error).toBe('access_denied');
  });

  it('a wrong code shows a message on the page', async () => {
    await page.goto(`${ctx.server.config.issuer}/device`);
    await page.getByLabel('Code').fill('BCDF-GHJK');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('not valid or has expired');
  });
});
