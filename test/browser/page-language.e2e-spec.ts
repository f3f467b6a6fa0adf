import type { Browser, Page } from 'playwright-core';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { enrollTotp } from '../support/factor-fixtures';
import { useTestServer } from '../support/server-fixture';
import { authorizeWithPkce, createPerson, registerWebClient, RegisteredClient } from '../support/sign-in';

/** The sign-in pages in the language a browser asks for: ui_locales (OIDC Core §3.1.2.1), else its own locale. */
describeWithChromium('The sign-in pages in German in Chromium', () => {
  const ctx = useTestServer();
  let browser: Browser;
  let client: RegisteredClient;

  beforeAll(async () => {
    browser = await launchChromium();
    client = await registerWebClient(ctx.admin, { first_party: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function openLogin(page: Page, params: Record<string, string>): Promise<void> {
    await page.goto(`${ctx.server.baseUrl}${authorizeWithPkce(client.client_id, params).url}`);
    await page.waitForURL(/\/login\?/);
  }

  const lang = (page: Page) => page.locator('html').getAttribute('lang');

  it('ui_locales=de shows the login page in German, and the second-factor page after it too', async () => {
    const person = await createPerson(ctx.admin);
    await enrollTotp(ctx.server.app, person);
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await openLogin(page, { ui_locales: 'de', acr_values: 'mfa' });
    expect(await lang(page)).toBe('de');
    await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
    expect(await page.title()).toBe('Anmelden');
    await page.getByLabel('Benutzername').fill(person.username);
    await page.getByLabel('Passwort', { exact: true }).fill(person.password);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();

    await page.waitForURL(/\/login\/second-factor\?/);
    await page.getByRole('heading', { name: 'Bestätigen Sie, dass Sie es sind' }).waitFor();
    expect(await lang(page)).toBe('de');
    await page.getByLabel('Code aus Ihrer Authenticator-App').waitFor();
    await page.getByRole('button', { name: 'Bestätigen' }).waitFor();
  }, 60_000);

  it('a browser set to German (Accept-Language) gets German without ui_locales', async () => {
    const page = await (await browser.newContext({ locale: 'de-DE' })).newPage();
    await openLogin(page, {});
    expect(await lang(page)).toBe('de');
    await page.getByRole('heading', { name: 'Anmelden' }).waitFor();
    await page.getByLabel('Benutzername').waitFor();
  }, 60_000);

  it('ui_locales=en wins over a German browser', async () => {
    const page = await (await browser.newContext({ locale: 'de-DE' })).newPage();
    await openLogin(page, { ui_locales: 'en' });
    expect(await lang(page)).toBe('en');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Username').waitFor();
  }, 60_000);
});
