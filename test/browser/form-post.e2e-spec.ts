import type { Request } from 'playwright-core';
import { describeWithChromium, useChromium } from '../support/chromium';
import { authorizeWithPkce, CALLBACK, createPerson, redeemCode } from '../support/sign-in';
import { useTestServer } from '../support/server-fixture';

describeWithChromium('response_mode=form_post in Chromium', () => {
  const ctx = useTestServer();
  const chromium = useChromium();

  it.each([[true], [false]])('the page posts code and state to the redirect URI under its CSP (scripts on: %s)', async (javaScriptEnabled) => {
    const client = await ctx.admin.registerClient({
      client_name: 'Form post app', redirect_uris: [CALLBACK], grant_types: ['authorization_code'], scope: 'openid', first_party: true,
    });
    const person = await createPerson(ctx.admin);
    const page = await (await chromium.browser.newContext({ javaScriptEnabled })).newPage();
    const violations: string[] = [];
    page.on('console', (message) => { if (/Content Security Policy|form-action/i.test(message.text())) violations.push(message.text()); });
    const posted = new Promise<Request>((resolve) => {
      void page.route(`${CALLBACK}**`, async (route) => {
        resolve(route.request());
        await route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Back at the app</h1>' });
      });
    });

    const { url, verifier } = authorizeWithPkce(client.client_id, { scope: 'openid', response_mode: 'form_post' });
    await page.goto(`${ctx.server.baseUrl}${url}`);
    await page.getByLabel('Username').fill(person.username);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Without scripts the person presses the page's Continue button.
    if (!javaScriptEnabled) await page.getByRole('button', { name: 'Continue' }).click();

    const request = await posted;
    expect(request.method()).toBe('POST');
    expect(request.headers()['content-type']).toBe('application/x-www-form-urlencoded');
    const fields = new URLSearchParams(request.postData() ?? '');
    expect(fields.get('state')).toBe('st-123');
    expect(fields.get('iss')).toBe(ctx.server.config.issuer);
    await page.getByRole('heading', { name: 'Back at the app' }).waitFor();
    expect((await redeemCode(ctx.server.baseUrl, client, fields.get('code')!, verifier)).status).toBe(200);
    expect(violations).toEqual([]);
  }, 60_000);
});
