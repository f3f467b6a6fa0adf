import type { Page } from 'playwright-core';
import { axeFindings } from '../support/axe';
import { describeWithChromium, useChromium } from '../support/chromium';
import { useTestServer } from '../support/server-fixture';
import { authorizeWithPkce, CALLBACK, createPerson, registerWebClient } from '../support/sign-in';

const LOGO = 'https://cdn.acme.example/logo.png';
/** A 1×1 PNG, served in place of the logo so the test needs no network. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

type Violations = { console: string[]; events: string[] };

/** The organization's branding as a person sees it in Chromium: shown, styled, accessible, and within the CSP. */
describeWithChromium('Branded pages in Chromium', () => {
  const ctx = useTestServer();
  const chromium = useChromium();

  async function brand(primaryColor: string): Promise<void> {
    const response = await ctx.admin.send('PUT', '/admin/v1/branding', {
      organization_name: 'Acme Corp',
      logo_uri: LOGO,
      primary_color: primaryColor,
      custom_css: '.brand-name { letter-spacing: .02em; }',
    });
    expect(response.status).toBe(200);
  }

  /** A page that records every CSP violation, both as the console reports it and as the DOM event. */
  async function watchedPage(): Promise<{ page: Page; violations: Violations }> {
    const page = await (await chromium.browser.newContext()).newPage();
    const violations: Violations = { console: [], events: [] };
    page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) violations.console.push(message.text()); });
    // Added through the DevTools protocol, so the page's CSP (no inline script) does not apply to it.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { cspViolations: string[] }).cspViolations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    await page.route(LOGO, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL }));
    await page.route(`${CALLBACK}**`, (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'callback reached' }));
    return { page, violations };
  }

  const domViolations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  const buttonBackground = (page: Page) =>
    page.getByRole('button', { name: 'Sign in', exact: true }).evaluate((button) => getComputedStyle(button).backgroundColor);

  it('shows the organization name and logo, paints the submit button in the primary colour, and breaks no CSP rule', async () => {
    await brand('#0B5FFF');
    const client = await registerWebClient(ctx.admin, { client_name: 'Orders web' });
    const person = await createPerson(ctx.admin, { name: 'Ada Lovelace' });
    const { page, violations } = await watchedPage();

    await page.goto(`${ctx.server.baseUrl}${authorizeWithPkce(client.client_id, { scope: 'openid profile' }).url}`);
    await page.waitForURL(/\/login\?/);
    await page.locator('header.brand .brand-name', { hasText: 'Acme Corp' }).waitFor();
    const logo = page.getByRole('img', { name: 'Acme Corp' });
    expect(await logo.isVisible()).toBe(true);
    expect(await logo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
    expect(await page.title()).toMatch(/ · Acme Corp$/);
    expect(await buttonBackground(page)).toBe('rgb(11, 95, 255)');
    expect(await page.locator('.brand-name').evaluate((name) => getComputedStyle(name).letterSpacing)).not.toBe('normal');

    await page.getByLabel('Username').fill(person.username);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Allow access?' }).waitFor();
    await page.locator('header.brand').waitFor();
    expect(await domViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${CALLBACK}?**`);
    expect(violations.console).toEqual([]);
  }, 60_000);

  it.each(['#ffd400', '#0b5fff', '#777777', '#ffffff', '#000000'])('keeps the sign-in and consent pages free of axe findings with primary colour %s', async (colour) => {
    await brand(colour);
    const client = await registerWebClient(ctx.admin, { client_name: 'Orders web' });
    const person = await createPerson(ctx.admin);
    const { page, violations } = await watchedPage();

    await page.goto(`${ctx.server.baseUrl}${authorizeWithPkce(client.client_id, { scope: 'openid profile' }).url}`);
    await page.waitForURL(/\/login\?/);
    await page.locator('header.brand').waitFor();
    const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(colour.slice(at, at + 2), 16));
    expect(await buttonBackground(page)).toBe(`rgb(${r}, ${g}, ${b})`);
    expect({ page: 'sign-in', findings: await axeFindings(page) }).toEqual({ page: 'sign-in', findings: [] });
    await page.getByLabel('Username').fill(person.username);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').waitFor();
    expect({ page: 'sign-in, refused', findings: await axeFindings(page) }).toEqual({ page: 'sign-in, refused', findings: [] });
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Allow access?' }).waitFor();
    expect({ page: 'consent', findings: await axeFindings(page) }).toEqual({ page: 'consent', findings: [] });
    expect(await domViolations(page)).toEqual([]);
    expect(violations.console).toEqual([]);
  }, 60_000);
});
