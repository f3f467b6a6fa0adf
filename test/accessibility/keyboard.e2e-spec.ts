import type { Page } from 'playwright-core';
import { describeWithChromium, useChromium } from '../support/chromium';
import { useTestServer } from '../support/server-fixture';
import { authorizeWithPkce, CALLBACK, createPerson, registerWebClient } from '../support/sign-in';

/** What has the keyboard focus: its tag, and its id, name or text, so a test can say where Tab went. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return 'body';
    const name = element.id || element.getAttribute('name') || element.textContent?.trim() || '';
    return `${element.tagName.toLowerCase()}:${name}`;
  });
}

/** Whether the focused element shows that it has the focus (an outline or a box shadow). */
async function focusIsVisible(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element) return false;
    const style = getComputedStyle(element);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  });
}

/** Presses Tab until `target` has the focus, checking each stop shows its focus; the stops on the way. */
async function tabTo(page: Page, target: string, limit = 15): Promise<string[]> {
  const stops: string[] = [];
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    stops.push(now);
    expect({ stop: now, visible: await focusIsVisible(page) }).toEqual({ stop: now, visible: true });
    if (now === target) return stops;
  }
  throw new Error(`Tab never reached ${target}; it went through ${stops.join(', ')}`);
}

describeWithChromium('signing in with the keyboard alone in Chromium', () => {
  const ctx = useTestServer();
  const chromium = useChromium();

  it('reaches every control with Tab, hears the refusal as an alert, and gets through consent with Enter', async () => {
    const client = await registerWebClient(ctx.admin, { client_name: 'Orders web', policy_uri: 'https://orders.example/privacy' });
    const person = await createPerson(ctx.admin);
    const page = await (await chromium.browser.newContext()).newPage();
    await page.goto(`${ctx.server.baseUrl}${authorizeWithPkce(client.client_id, { scope: 'openid profile' }).url}`);
    await page.waitForURL(/\/login\?/);

    // The name field has the focus as the page opens: typing goes straight into it.
    expect(await focused(page)).toBe('input:username');
    await page.keyboard.type(person.username);
    await tabTo(page, 'input:password');
    await page.keyboard.type('not the password');
    await page.keyboard.press('Enter');

    // The refusal is an alert (screen readers announce it) and the focus waits in the password field.
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/\S/);
    expect(await focused(page)).toBe('input:password');
    await page.keyboard.type(person.password);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Allow access?' }).waitFor();
    const stops = await tabTo(page, 'button:decision');
    // The application's own links come before the decision, in reading order.
    expect(stops).toContain('a:Privacy policy');
    expect(await page.evaluate(() => (document.activeElement as HTMLButtonElement).value)).toBe('allow');
    const callback = page.waitForRequest((request) => request.url().startsWith(`${CALLBACK}?`));
    await page.keyboard.press('Enter');
    expect(new URL((await callback).url()).searchParams.get('code')).toMatch(/\S/);
  }, 90_000);
});
