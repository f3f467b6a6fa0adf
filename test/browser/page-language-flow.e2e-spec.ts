import { axeFindings } from '../support/axe';
import { describeWithChromium, useChromium } from '../support/chromium';
import { useTestServer } from '../support/server-fixture';
import { authorizeWithPkce, CALLBACK, createPerson, registerWebClient } from '../support/sign-in';

/** The language an authorization request asked for (ui_locales, OIDC Core §3.1.2.1) carries on to its consent page. */
describeWithChromium('The consent page in German in Chromium', () => {
  const ctx = useTestServer();
  const chromium = useChromium();

  it('ui_locales=de in an English browser: the login page, then the consent page, in German', async () => {
    const client = await registerWebClient(ctx.admin, { client_name: 'Orders web' });
    const person = await createPerson(ctx.admin, { name: 'Ada Lovelace' });
    const page = await (await chromium.browser.newContext({ locale: 'en-US' })).newPage();
    await page.route(`${CALLBACK}**`, (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'callback reached' }));

    await page.goto(`${ctx.server.baseUrl}${authorizeWithPkce(client.client_id, { scope: 'openid profile', ui_locales: 'de' }).url}`);
    await page.waitForURL(/\/login\?/);
    await page.getByLabel('Benutzername').fill(person.username);
    await page.getByLabel('Passwort', { exact: true }).fill(person.password);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();

    await page.getByRole('heading', { name: 'Zugriff erlauben?' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.title()).toBe('Zugriff erlauben?');
    await page.getByText('Ihren Namen und Benutzernamen sehen').waitFor();
    await page.getByText(`Angemeldet als Ada Lovelace (${person.username})`).waitFor();
    await page.getByRole('button', { name: 'Nicht Sie?' }).waitFor();
    await page.getByRole('button', { name: 'Ablehnen' }).waitFor();
    // The German page is as accessible as the English one (its lang, its names).
    expect(await axeFindings(page)).toEqual([]);
    await page.getByRole('button', { name: 'Erlauben' }).click();
    await page.waitForURL(`${CALLBACK}?**`);
  }, 60_000);
});
