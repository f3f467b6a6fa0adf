import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { ensureConsoleBuilt } from '../support/console-build';
import { AdminApi } from '../support/admin';
import { request } from '../support/http';
import { ADMIN_PASSWORD, ADMIN_USERNAME, freePort, startTestServer, TestServer } from '../support/test-server';

const PREFIX = '/tenant-a';

/**
 * The console under an issuer with a path (`ISSUER=http://127.0.0.1:{port}/tenant-a`): sign-in, in-app
 * navigation, history, reloads, a playground run in the same tab and sign-out all stay under
 * `/tenant-a/console/`. The server listens on the port ISSUER names, so the browser follows the URLs the
 * server advertises.
 */
describeWithChromium('admin console under an issuer with a path', () => {
  // Not useTestServer: ISSUER names a port picked before the server starts, and the admin API is called under the issuer's path.
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let issuer: string;
  let consoleRoot: string;
  let admin: AdminApi;
  /** Every URL the page's main frame was at, history API changes included. */
  const visited: string[] = [];

  const nav = (name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name });
  const consoleUrls = () => visited.filter((url) => new URL(url).pathname.includes('/console'));

  beforeAll(async () => {
    ensureConsoleBuilt();
    const port = await freePort();
    issuer = `http://127.0.0.1:${port}${PREFIX}`;
    consoleRoot = `${issuer}/console/`;
    server = await startTestServer({ ISSUER: issuer, PORT: String(port) });
    expect(server.baseUrl).toBe(new URL(issuer).origin);
    admin = await AdminApi.connect({ ...server, baseUrl: issuer });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) visited.push(frame.url());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is not served at the root /console', async () => {
    expect((await request(`${server.baseUrl}/console/`)).status).toBe(404);
    expect((await request(consoleRoot)).status).toBe(200);
  });

  it('signs the bootstrap admin in and lands on the applications under the path', async () => {
    await page.goto(consoleRoot);
    await page.waitForURL(/\/login\?/);
    expect(new URL(page.url()).pathname).toBe(`${PREFIX}/login`);
    await page.getByLabel('Username').fill(ADMIN_USERNAME);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${issuer}/console/applications`);
    await page.getByRole('heading', { name: 'Applications' }).waitFor();
    await page.locator('.who').getByText(ADMIN_USERNAME).waitFor();
    // The authorization response came back to the console's registered redirect URI under the path.
    expect(visited.some((url) => url.startsWith(`${issuer}/console/callback?`))).toBe(true);
  });

  it('links every section under the path', async () => {
    const links = await page.getByRole('navigation', { name: 'Sections' }).getByRole('link').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(links.length).toBeGreaterThan(3);
    for (const link of links) expect(link).toMatch(new RegExp(`^${PREFIX}/console/`));
  });

  it('navigates between pages without leaving the path, back button included', async () => {
    await nav('Signing keys').click();
    await page.getByRole('heading', { name: 'Signing keys' }).waitFor();
    expect(page.url()).toBe(`${issuer}/console/keys`);
    await nav('People').click();
    await page.getByRole('heading', { name: 'People' }).waitFor();
    expect(page.url()).toBe(`${issuer}/console/people`);
    await page.goBack();
    await page.getByRole('heading', { name: 'Signing keys' }).waitFor();
    expect(page.url()).toBe(`${issuer}/console/keys`);
    for (const url of consoleUrls()) expect(url.startsWith(consoleRoot)).toBe(true);
  });

  it('renders a deep page again after a reload', async () => {
    await page.reload();
    // Tokens live in memory: the reload signs in again through the SSO session and returns to the same page.
    await page.waitForURL(`${issuer}/console/keys`);
    await page.getByRole('heading', { name: 'Signing keys' }).waitFor();
    await nav('Applications').click();
    await page.getByRole('heading', { name: 'Applications' }).waitFor();
    expect(page.url()).toBe(`${issuer}/console/applications`);
    for (const url of consoleUrls()) expect(url.startsWith(consoleRoot)).toBe(true);
  });

  it('opens a deep link typed into the address bar', async () => {
    await page.goto(`${issuer}/console/people`);
    await page.waitForURL(`${issuer}/console/people`);
    await page.getByRole('heading', { name: 'People' }).waitFor();
  });

  it('runs the playground in the same tab and comes back to it under the path', async () => {
    const spa = await admin.registerClient({
      client_name: 'Tenant SPA',
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'none',
      redirect_uris: [`${issuer}/console/playground/callback`],
      scope: 'openid profile',
    });
    await nav('Playground').click();
    expect(page.url()).toBe(`${issuer}/console/playground`);
    await page.getByLabel('Application').selectOption(spa.client_id);
    await expect(page.getByLabel('Redirect URI').inputValue()).resolves.toBe(`${issuer}/console/playground/callback`);
    await page.getByRole('button', { name: 'Generate PKCE and the authorization URL' }).click();
    await page.getByRole('button', { name: 'Open in this tab' }).click();
    // The application is not first-party: consent, then the callback hands the code back to the playground.
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.getByTestId('authorization-code').waitFor();
    expect(page.url()).toBe(`${issuer}/console/playground`);
    await page.getByRole('button', { name: 'Exchange code for tokens' }).click();
    await page.getByTestId('decoded-id_token').waitFor();
    await expect(page.getByTestId('decoded-id_token').textContent()).resolves.toContain(`"iss": "${issuer}"`);
    expect(visited.some((url) => url.startsWith(`${issuer}/console/playground/callback?`))).toBe(true);
    for (const url of consoleUrls()) expect(url.startsWith(consoleRoot)).toBe(true);
  });

  it('signs out back to the console under the path', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login\?/);
    expect(new URL(page.url()).pathname).toBe(`${PREFIX}/login`);
    for (const url of consoleUrls()) expect(url.startsWith(consoleRoot)).toBe(true);
    expect(visited.some((url) => url === consoleRoot)).toBe(true);
  });
});
