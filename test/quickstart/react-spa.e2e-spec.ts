import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { AdminApi } from '../support/admin';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { createPerson } from '../support/sign-in';
import { freePort, startTestServer, type TestServer } from '../support/test-server';
import { startOrdersApi, type RunningApi } from './orders-api';
import { ReadmeSteps } from './readme-steps';
import { buildExample, serveStatic, type StaticSite } from './static-site';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'react-spa');

/**
 * examples/react-spa as its README tells a new user to run it: the API and the app registered with the
 * README's own requests, the app built with the .env.local it writes, then log in, call the API and log
 * out in Chromium.
 */
describeWithChromium('examples/react-spa, run as its README says', () => {
  let server: TestServer;
  let site: StaticSite;
  let api: RunningApi;
  let browser: Browser;
  let page: Page;
  let person: { id: string; username: string; password: string };
  const outDir = mkdtempSync(join(tmpdir(), 'react-spa-'));

  beforeAll(async () => {
    const port = await freePort();
    server = await startTestServer({ PORT: String(port), ISSUER: `http://localhost:${port}` });
    const admin = await AdminApi.connect(server);
    site = await serveStatic(outDir);
    const readme = new ReadmeSteps(join(EXAMPLE, 'README.md'), { ISSUER: server.config.issuer, APP_ORIGIN: site.origin });
    api = await startOrdersApi(server.config.issuer, readme.variables.API_RESOURCE!, [site.origin]);
    readme.set('API_URL', `${api.baseUrl}/orders`);
    for (const { path, body } of readme.adminRequests()) {
      if (path === '/admin/v1/users') continue; // the test's own person, with a fresh password
      const response = await admin.send<{ client_id?: string }>('POST', path, body);
      if (response.status !== 201) throw new Error(`${path}: ${response.status} ${response.text}`);
      if (path === '/admin/v1/clients') readme.set('CLIENT_ID', response.body.client_id!);
    }
    person = await createPerson(admin);
    await buildExample(EXAMPLE, outDir, readme.envFile('examples/react-spa/.env.local'));
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await site?.close();
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  const signIn = async () => {
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/login\?/);
    await page.getByLabel('Username').fill(person.username);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  };

  it('logs in and shows the name from userinfo, with the code gone from the address bar', async () => {
    await page.goto(site.origin);
    await page.getByText('Signed out').waitFor();
    await signIn();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.getByText('Signed in as Ada Lovelace').waitFor();
    expect(page.url()).toBe(`${site.origin}/`);
  });

  it('calls the Orders API with an access token for its audience', async () => {
    await page.getByRole('button', { name: 'Call the API' }).click();
    const answer = page.getByLabel('API answer');
    await answer.waitFor();
    const [status, body] = splitAnswer(await answer.innerText());
    expect(status).toBe('200');
    expect(JSON.parse(body)).toMatchObject({ caller: { sub: person.id }, orders: [] });
  });

  it('logs out at the server, back to the app, and the next login asks for the password', async () => {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByText('Signed out').waitFor();
    expect(new URL(page.url()).origin).toBe(site.origin);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/login\?/);
    await expect(page.getByLabel('Password').isVisible()).resolves.toBe(true);
  });
});

function splitAnswer(text: string): [string, string] {
  const space = text.indexOf(' ');
  return [text.slice(0, space), text.slice(space + 1)];
}
