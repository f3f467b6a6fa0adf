import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { AdminApi } from '../support/admin';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { createPerson } from '../support/sign-in';
import { freePort, startTestServer, type TestServer } from '../support/test-server';
import { ReadmeSteps } from './readme-steps';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'web-app');

/** Starts the example with `env` and resolves once it listens; rejects when it exits first or takes over 30 s. */
function startWebApp(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['server.mjs'], { cwd: EXAMPLE, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const bound = setTimeout(() => reject(new Error(`the web app did not start:\n${output}`)), 30_000);
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Listening on')) {
        clearTimeout(bound);
        resolve(child);
      }
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('exit', (code) => {
      clearTimeout(bound);
      reject(new Error(`the web app exited with ${code}:\n${output}`));
    });
  });
}

/** examples/web-app as its README tells a new user to run it, in Chromium: log in, see the name, log out. */
describeWithChromium('examples/web-app, run as its README says', () => {
  let server: TestServer;
  let webApp: ChildProcess;
  let appOrigin: string;
  let browser: Browser;
  let page: Page;
  let person: { username: string; password: string };

  beforeAll(async () => {
    const port = await freePort();
    server = await startTestServer({ PORT: String(port), ISSUER: `http://localhost:${port}` });
    const admin = await AdminApi.connect(server);
    const appPort = await freePort();
    appOrigin = `http://localhost:${appPort}`;
    const readme = new ReadmeSteps(join(EXAMPLE, 'README.md'), { ISSUER: server.config.issuer, APP_ORIGIN: appOrigin });
    for (const { path, body } of readme.adminRequests()) {
      if (path === '/admin/v1/users') continue; // the test's own person, with a fresh password
      const response = await admin.send<{ client_id: string; client_secret: string }>('POST', path, body);
      if (response.status !== 201) throw new Error(`${path}: ${response.status} ${response.text}`);
      readme.set('CLIENT_ID', response.body.client_id);
      readme.set('CLIENT_SECRET', response.body.client_secret);
    }
    person = await createPerson(admin);
    webApp = await startWebApp({ ...readme.commandEnv('server.mjs'), PORT: String(appPort) });
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    webApp?.kill();
    await server?.close();
  });

  const signIn = async () => {
    await page.getByRole('link', { name: 'Log in' }).click();
    await page.waitForURL(/\/login\?/);
    await page.getByLabel('Username').fill(person.username);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  };

  it('logs in through the server and shows the name from userinfo', async () => {
    await page.goto(appOrigin);
    await page.getByText('Signed out').waitFor();
    await signIn();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.getByText('Signed in as Ada Lovelace').waitFor();
    expect(page.url()).toBe(`${appOrigin}/`);
  });

  it('logs out here and at the server, back to the app, and the next login asks for the password', async () => {
    await page.getByRole('link', { name: 'Log out' }).click();
    await page.getByText('Signed out').waitFor();
    expect(page.url()).toBe(`${appOrigin}/`);
    await page.getByRole('link', { name: 'Log in' }).click();
    await page.waitForURL(/\/login\?/);
    await expect(page.getByLabel('Password').isVisible()).resolves.toBe(true);
  });

  it('refuses a callback that no sign-in started here with a plain 400 page', async () => {
    const response = await fetch(`${appOrigin}/callback?code=forged&state=forged`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Sign-in failed: no sign-in was started here');
  });
});
