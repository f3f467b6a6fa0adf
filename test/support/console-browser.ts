import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
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

/** A test server and a Chromium of the enclosing describe, for console suites that sign in as several people. */
export interface ConsoleBrowser {
  readonly ctx: ServerFixture;
  readonly browser: Browser;
  /** The server's issuer, as the console's URLs start. */
  readonly issuer: string;
  signIn(username: string, password: string): Promise<{ context: BrowserContext; page: Page }>;
  /** A full-page screenshot under test-artifacts/<artifacts>/<name>.png, for looking at afterwards. */
  shot(page: Page, name: string): Promise<Buffer>;
}

/**
 * Builds the console, starts a test server (with `env`) and Chromium before the enclosing describe's tests
 * and closes them after; read the fields inside hooks and tests.
 */
export function useConsoleBrowser(artifacts: string, env: Record<string, string> = {}): ConsoleBrowser {
  beforeAll(() => ensureConsoleBuilt(), 120_000);
  const ctx = useTestServer(env);
  const shots = resolve(__dirname, '../../test-artifacts', artifacts);
  let browser: Browser | undefined;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  const launched = (): Browser => {
    if (!browser) throw new Error('Chromium is launched in beforeAll; use it inside a hook or test');
    return browser;
  };
  return {
    ctx,
    get browser() { return launched(); },
    get issuer() { return ctx.server.config.issuer; },
    signIn: (username, password) => signInToConsole(launched(), ctx.server.config.issuer, username, password),
    shot: (page, name) => page.screenshot({ path: resolve(shots, `${name}.png`), fullPage: true }),
  };
}

/**
 * A test server (with `env`) and a Chromium page signed in to its console as the bootstrap administrator,
 * ready once the enclosing describe's `beforeAll` hooks ran; read `page` inside hooks and tests.
 */
export function useAdminConsole(env: Record<string, string> = {}): { readonly ctx: ServerFixture; readonly page: Page } {
  const ui = useConsoleBrowser('console', env);
  let page: Page | undefined;

  beforeAll(async () => {
    ({ page } = await ui.signIn(ADMIN_USERNAME, ADMIN_PASSWORD));
  }, 120_000);

  return {
    ctx: ui.ctx,
    get page(): Page {
      if (!page) throw new Error('the console page is signed in in beforeAll; read it inside a hook or test');
      return page;
    },
  };
}
