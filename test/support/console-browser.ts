import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { UserView } from '@app/contracts';
import type { AdminApi } from './admin';
import { launchChromium } from './chromium';
import { ensureConsoleBuilt } from './console-build';
import { ServerFixture, useTestServer } from './server-fixture';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from './test-server';

/** A person made through the admin API, named `<username> Example`, for console tests not about making people. */
export async function aConsolePerson(admin: AdminApi, username: string, password: string, roles: string[] = []): Promise<UserView> {
  const created = await admin.send<UserView>('POST', '/admin/v1/users', { username, password, name: `${username} Example`, roles });
  if (created.status !== 201) throw new Error(`create ${username}: ${created.status} ${created.text}`);
  return created.body;
}

/** A browser context of its own (no SSO session) signed in to the console through the login page. */
export async function signInToConsole(browser: Browser, issuer: string, username: string, password: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${issuer}/console/`);
  await page.waitForURL(/\/login\?/);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Sections' }).waitFor();
  return { context, page };
}

/**
 * A test server (with `env`) and a Chromium page signed in to its console as the bootstrap administrator,
 * ready once the enclosing describe's `beforeAll` hooks ran; read `page` inside hooks and tests.
 */
export function useAdminConsole(env: Record<string, string> = {}): { readonly ctx: ServerFixture; readonly page: Page } {
  beforeAll(() => ensureConsoleBuilt(), 120_000);
  const ctx = useTestServer(env);
  let browser: Browser | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
    ({ page } = await signInToConsole(browser, ctx.server.config.issuer, ADMIN_USERNAME, ADMIN_PASSWORD));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  return {
    ctx,
    get page(): Page {
      if (!page) throw new Error('the console page is signed in in beforeAll; read it inside a hook or test');
      return page;
    },
  };
}
