import { describeWithChromium, useChromium } from '../support/chromium';
import { useTestServer } from '../support/server-fixture';
import { authorizeWithPkce, CALLBACK, createPerson, registerWebClient } from '../support/sign-in';

const LOGO = 'https://cdn.orders.example/logo.png';
/** A 1×1 PNG, served in place of the logo so the test needs no network. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describeWithChromium('The application named on the login and consent pages in Chromium', () => {
  const ctx = useTestServer();
  const chromium = useChromium();

  it('signs in seeing the app name and its logo (which the CSP lets load) on both pages', async () => {
    const client = await registerWebClient(ctx.admin, { client_name: 'Orders web', logo_uri: LOGO, policy_uri: 'https://orders.example/privacy' });
    const person = await createPerson(ctx.admin, { name: 'Ada Lovelace' });
    const page = await (await chromium.browser.newContext()).newPage();
    const blocked: string[] = [];
    page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) blocked.push(message.text()); });
    await page.route(LOGO, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL }));
    await page.route(`${CALLBACK}**`, (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'callback reached' }));
    const logoLoaded = async () => page.locator('img.client-logo').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0);

    await page.goto(`${ctx.server.baseUrl}${authorizeWithPkce(client.client_id, { scope: 'openid profile' }).url}`);
    await page.waitForURL(/\/login\?/);
    await page.locator('.client-name', { hasText: 'Orders web' }).waitFor();
    expect(await logoLoaded()).toBe(true);
    expect(await page.getByRole('link', { name: 'Privacy policy' }).getAttribute('rel')).toBe('noopener noreferrer');
    await page.getByLabel('Username').fill(person.username);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    await page.getByRole('heading', { name: 'Allow access?' }).waitFor();
    await page.locator('.client-name', { hasText: 'Orders web' }).waitFor();
    expect(await logoLoaded()).toBe(true);
    await page.getByText(`Signed in as Ada Lovelace (${person.username})`).waitFor();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${CALLBACK}?**`);
    expect(blocked).toEqual([]);
  }, 60_000);
});
