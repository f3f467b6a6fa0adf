import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BrowserSession } from '../support/browser-session';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { ensureConsoleBuilt } from '../support/console-build';
import { LogoutReceiver } from '../support/logout-receiver';
import { useTestServer } from '../support/server-fixture';
import { createPerson, signInToApp } from '../support/sign-in';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../support/test-server';

const SHOTS = resolve(__dirname, '../../test-artifacts/console-logout');

describeWithChromium('admin console: logout settings and deliveries', () => {
  beforeAll(() => ensureConsoleBuilt(), 120_000);
  // One attempt: a failed delivery is dead at once, for the page to show.
  const ctx = useTestServer({ LOGOUT_DELIVERY_ATTEMPTS: '1' });
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let receiver: LogoutReceiver;
  let app: { client_id: string; client_secret?: string };

  const nav = (name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    receiver = await LogoutReceiver.start(ctx.server.config.issuer, `${ctx.server.baseUrl}/oauth2/jwks`);
    app = await ctx.admin.registerClient({ client_name: 'Wiki', redirect_uris: ['https://app.example.com/callback'], first_party: true, scope: 'openid profile' });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await page.goto(`${ctx.server.config.issuer}/console/`);
    await page.waitForURL(/\/login\?/);
    await page.getByLabel('Username').fill(ADMIN_USERNAME);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
  });

  it('sets the logout URIs and flags in the Logout section of the settings', async () => {
    await page.goto(`${ctx.server.config.issuer}/console/applications/${app.client_id}`);
    await page.getByLabel('Back-channel logout URI').fill(receiver.url(app.client_id));
    await page.getByLabel('Back-channel logout needs the session id').check();
    await page.getByLabel('Front-channel logout URI').fill('https://app.example.com/fc-logout');
    await page.getByLabel('Front-channel logout needs').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    await page.screenshot({ path: resolve(SHOTS, '01-logout-settings.png'), fullPage: true });
    const saved = await ctx.admin.get(`/admin/v1/clients/${app.client_id}`);
    expect(saved.body).toMatchObject({
      backchannel_logout_uri: receiver.url(app.client_id),
      backchannel_logout_session_required: true,
      frontchannel_logout_uri: 'https://app.example.com/fc-logout',
      frontchannel_logout_session_required: true,
    });
  });

  it('lists a dead delivery under its status and retries it', async () => {
    receiver.answerNext(app.client_id, 500);
    const person = await createPerson(ctx.admin);
    const signedIn = new BrowserSession(ctx.server.baseUrl);
    const { idToken } = await signInToApp(signedIn, app, person);
    await signedIn.get(`/oauth2/logout?id_token_hint=${idToken}`);
    await receiver.waitFor(app.client_id, 1);

    await nav('Logout deliveries').click();
    await page.getByRole('heading', { name: 'Logout deliveries' }).waitFor();
    await page.getByLabel('Status').selectOption('dead');
    const row = page.locator('table.list tbody tr').filter({ hasText: app.client_id });
    await row.filter({ hasText: 'HTTP 500' }).waitFor();
    await page.screenshot({ path: resolve(SHOTS, '02-dead-delivery.png'), fullPage: true });
    await row.getByRole('button', { name: 'Retry' }).click();
    await page.getByText(`Sending the logout token to ${app.client_id} again.`).waitFor();

    const [, second] = await receiver.waitFor(app.client_id, 2);
    expect(second.answered).toBe(200);
    await page.getByLabel('Status').selectOption('delivered');
    await page.locator('table.list tbody tr').filter({ hasText: app.client_id }).waitFor();
  });
});
