import type { Browser, Page } from 'playwright-core';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { CONTOSO_SECRET, registerOidcProvider } from '../support/federation';
import { useTestServer } from '../support/server-fixture';
import { authorizeWithPkce, CALLBACK, registerWebClient } from '../support/sign-in';
import { UpstreamOidcProvider } from '../support/upstream-oidc-provider';

const ADA = { claims: { email: 'ada@contoso.com', email_verified: true, name: 'Ada Lovelace', preferred_username: 'ada', groups: ['contoso-engineering'] } };

describeWithChromium('sign-in with an upstream OpenID Provider in Chromium', () => {
  const ctx = useTestServer({ KEY_ENCRYPTION_SECRET: 'federation-chromium-test-secret-0123456789' });
  let contoso: UpstreamOidcProvider;
  let browser: Browser;

  beforeAll(async () => {
    contoso = await UpstreamOidcProvider.start({
      clients: () => [{ client_id: 'meridian', client_secret: CONTOSO_SECRET, redirect_uris: [`${ctx.server.config.issuer}/federation/contoso/callback`] }],
      accounts: { 'contoso-0001-ada': ADA },
      defaultAccount: 'contoso-0001-ada',
    });
    await ctx.admin.send('POST', '/admin/v1/groups', { name: 'engineering' });
    await registerOidcProvider(ctx.admin, {
      name: 'contoso', display_name: 'Contoso', issuer: contoso.issuer, client_id: 'meridian', client_secret: CONTOSO_SECRET,
      scopes: ['openid', 'profile', 'email', 'groups'], domains: ['contoso.com'], group_mapping: { 'contoso-engineering': 'engineering' },
    });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await contoso?.stop();
  });

  /** A fresh browser at our login page for a client's authorization request; the client's callback is answered here. */
  async function atLoginPage(firstParty: boolean): Promise<{ page: Page; blocked: string[] }> {
    const client = await registerWebClient(ctx.admin, { first_party: firstParty });
    const page = await (await browser.newContext()).newPage();
    const blocked: string[] = [];
    page.on('console', (message) => { if (/Content Security Policy|form-action/i.test(message.text())) blocked.push(message.text()); });
    await page.route(`${CALLBACK}**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>client</title>' }));
    await page.goto(`${ctx.server.config.issuer}${authorizeWithPkce(client.client_id).url}`);
    await page.waitForURL(/\/login\?/);
    return { page, blocked };
  }

  async function expectCodeAtClient(page: Page): Promise<void> {
    if (!page.url().startsWith(CALLBACK) && (await page.getByRole('button', { name: 'Allow' }).count()) > 0) await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${CALLBACK}**`);
    const url = new URL(page.url());
    expect(url.searchParams.get('code')).toBeTruthy();
    expect(url.searchParams.get('state')).toBe('st-123');
  }

  it('signs in through the "Sign in with Contoso" button and ends at the client with a code', async () => {
    const { page, blocked } = await atLoginPage(false);
    await page.getByRole('link', { name: 'Sign in with Contoso' }).click();
    await page.waitForURL(/\/oauth2\/consent|\/oauth2\/authorize\/resume|app\.example\.com/);
    await expectCodeAtClient(page);
    expect(blocked).toEqual([]);
  });

  it('sends ada@contoso.com to Contoso from the username field (home-realm discovery), no password asked', async () => {
    const { page, blocked } = await atLoginPage(true);
    await page.getByLabel('Username').fill('ada@contoso.com');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectCodeAtClient(page);
    // The redirects after the form went to the upstream and back: the login page's form-action allowed them.
    expect(blocked).toEqual([]);
  });
});
