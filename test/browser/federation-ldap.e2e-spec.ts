import type { Page } from 'playwright-core';
import { describeWithChromium, useChromium } from '../support/chromium';
import { decodeJwt } from '../support/http';
import { authorizeWithPkce, CALLBACK, redeemCode } from '../support/sign-in';
import { LDAP_PEOPLE } from '../support/slapd';
import { LDAP_SCOPE, useLdapServer } from '../federation/ldap-fixture';

describeWithChromium('sign in with an LDAP directory person in Chromium (real slapd)', () => {
  const ctx = useLdapServer();
  const chromium = useChromium();

  /** A page whose visits to the client's callback are answered here, so the code can be read from the URL. */
  async function clientPage(): Promise<Page> {
    const page = await (await chromium.browser.newContext()).newPage();
    await page.route(`${new URL(CALLBACK).origin}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Back at the app</h1>' }));
    return page;
  }

  it('types the directory username and password on our login page and comes back with tokens and mapped groups', async () => {
    const page = await clientPage();
    const { url, verifier } = authorizeWithPkce(ctx.client.client_id, { scope: LDAP_SCOPE });
    await page.goto(`${ctx.server.baseUrl}${url}`);
    await page.getByLabel('Username').fill('ada');
    await page.getByLabel('Password').fill(LDAP_PEOPLE.ada.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${CALLBACK}?**`);
    const code = new URL(page.url()).searchParams.get('code')!;
    const tokens = await redeemCode(ctx.server.baseUrl, ctx.client, code, verifier);
    expect(tokens.status).toBe(200);
    const idToken = decodeJwt(tokens.body.id_token!).payload;
    const sub = String(idToken.sub);
    // The mapped groups (engineers by DN, staff by cn through nesting) are in our tokens.
    expect([...(decodeJwt(tokens.body.access_token).payload.groups as string[])].sort()).toEqual(['engineering', 'everyone']);
    const groups = await ctx.admin.get<{ items: Array<{ name: string }> }>(`/admin/v1/users/${sub}/groups`);
    expect(groups.body.items.map((group) => group.name).sort()).toEqual(['engineering', 'everyone']);
    const user = await ctx.admin.get<{ username: string; email: string }>(`/admin/v1/users/${sub}`);
    expect(user.body).toMatchObject({ username: 'ada', email: 'ada@example.org' });
  }, 60_000);

  it('a wrong directory password shows the one generic message on the page', async () => {
    const page = await clientPage();
    await page.goto(`${ctx.server.baseUrl}${authorizeWithPkce(ctx.client.client_id, { scope: LDAP_SCOPE }).url}`);
    await page.getByLabel('Username').fill('grace');
    await page.getByLabel('Password').fill('not her password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Invalid username or password').waitFor();
    expect(page.url()).toContain('/login');
  }, 60_000);
});
