import type { BrowserContext, Page } from 'playwright-core';
import { describeWithChromium } from '../support/chromium';
import { aConsolePerson, useConsoleBrowser } from '../support/console-browser';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../support/test-server';

interface BrandingView {
  organization_name: string | null;
  logo_uri: string | null;
  primary_color: string | null;
  custom_css: string | null;
  updated_at: string | null;
}

const PASSWORD = 'a long enough password 42';
const CSS = '.card { border-radius: 12px; }\n';
const DEFAULTS = { organization_name: null, logo_uri: null, primary_color: null, custom_css: null, updated_at: null };

/** The Branding page over `GET|PUT|DELETE /admin/v1/branding`, for an administrator and for a role that only reads. */
describeWithChromium('admin console: branding of the sign-in pages', () => {
  const ui = useConsoleBrowser('console-branding');
  const { ctx } = ui;
  const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });
  const stored = async () => (await ctx.admin.get<BrandingView>('/admin/v1/branding')).body;

  describe('as a full administrator', () => {
    let page: Page;
    let context: BrowserContext;

    beforeAll(async () => {
      ({ context, page } = await ui.signIn(ADMIN_USERNAME, ADMIN_PASSWORD));
    }, 60_000);

    afterAll(async () => {
      await context?.close();
    });

    it('sets the name, colour and CSS, which are saved and shown again after a reload', async () => {
      await nav(page, 'Branding').click();
      await page.getByRole('heading', { name: 'Branding', level: 1 }).waitFor();
      await page.getByText('The sign-in pages use the built-in look.').waitFor();
      await expect(page.getByRole('button', { name: 'Reset to defaults' }).count()).resolves.toBe(0);

      await page.getByLabel('Organization name').fill('Example Corp');
      await page.getByLabel('Primary colour', { exact: true }).fill('#0A7D5C');
      await page.getByLabel('Custom CSS').fill(CSS);
      await page.getByText(`${CSS.length} bytes of 48 KiB used.`).waitFor();
      // The picker follows the hex text, and the preview both.
      await expect(page.getByLabel('Pick the primary colour').inputValue()).resolves.toBe('#0a7d5c');
      await expect(page.getByTestId('branding-preview').textContent()).resolves.toContain('Example Corp');
      await ui.shot(page, '01-branding-filled');
      await page.getByRole('button', { name: 'Save branding' }).click();
      await page.getByText('Saved.').waitFor();

      expect(await stored()).toEqual({ organization_name: 'Example Corp', logo_uri: null, primary_color: '#0a7d5c', custom_css: CSS, updated_at: expect.any(String) });

      await page.reload();
      await page.getByText(/^Last changed /).waitFor();
      await expect(page.getByLabel('Organization name').inputValue()).resolves.toBe('Example Corp');
      await expect(page.getByLabel('Primary colour', { exact: true }).inputValue()).resolves.toBe('#0a7d5c');
      await expect(page.getByLabel('Custom CSS').inputValue()).resolves.toBe(CSS);
    });

    it('names an http logo URL as the problem before sending, and saves once it is https', async () => {
      const logo = page.getByLabel('Logo URL');
      await logo.fill('http://cdn.example.com/logo.png');
      await page.getByRole('button', { name: 'Save branding' }).click();
      const message = page.getByText('The logo must be served over https.');
      await message.waitFor();
      await expect(logo.getAttribute('aria-invalid')).resolves.toBe('true');
      const messageId = await message.getAttribute('id');
      expect((await logo.getAttribute('aria-describedby'))?.split(' ')).toContain(messageId);
      await ui.shot(page, '02-branding-http-logo');
      expect((await stored()).logo_uri).toBeNull();

      // The admin API refuses it too, naming the same field.
      const refused = await ctx.admin.send('PUT', '/admin/v1/branding', { organization_name: 'Example Corp', logo_uri: 'http://cdn.example.com/logo.png', primary_color: null, custom_css: null });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ fields: { logo_uri: expect.any(String) } });

      // The message goes as soon as the address is fixed.
      await logo.fill('https://cdn.example.com/logo.png');
      await expect(message.count()).resolves.toBe(0);
      await expect(page.getByTestId('branding-preview').textContent()).resolves.toContain('Logo from cdn.example.com');
      await page.getByRole('button', { name: 'Save branding' }).click();
      await page.getByText('Saved.').waitFor();
      expect(await stored()).toMatchObject({ organization_name: 'Example Corp', logo_uri: 'https://cdn.example.com/logo.png', primary_color: '#0a7d5c' });
    });

    it('resets to the defaults after asking first', async () => {
      await page.getByRole('button', { name: 'Reset to defaults' }).click();
      const confirm = page.getByRole('group', { name: 'Remove all branding and use the built-in look?' });
      await confirm.waitFor();
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      expect((await stored()).organization_name).toBe('Example Corp');

      await page.getByRole('button', { name: 'Reset to defaults' }).click();
      await confirm.getByRole('button', { name: 'Reset now' }).click();
      await page.getByText('Branding reset to the defaults.').waitFor();
      await page.getByText('The sign-in pages use the built-in look.').waitFor();
      await expect(page.getByLabel('Organization name').inputValue()).resolves.toBe('');
      await expect(page.getByLabel('Custom CSS').inputValue()).resolves.toBe('');
      expect(await stored()).toEqual(DEFAULTS);
    });
  });

  describe('as an auditor, who may only read', () => {
    let page: Page;
    let context: BrowserContext;

    beforeAll(async () => {
      const saved = await ctx.admin.send('PUT', '/admin/v1/branding', { organization_name: 'Audited Corp', logo_uri: null, primary_color: '#112233', custom_css: null });
      expect(saved.status).toBe(200);
      await aConsolePerson(ctx.admin, 'branding-auditor', PASSWORD, ['auditor']);
      ({ context, page } = await ui.signIn('branding-auditor', PASSWORD));
    }, 60_000);

    afterAll(async () => {
      await context?.close();
      await ctx.admin.send('DELETE', '/admin/v1/branding');
    });

    it('sees the branding without a way to change or reset it', async () => {
      await nav(page, 'Branding').click();
      await page.getByText('Your role may look at the branding but not change it.').waitFor();
      const name = page.getByLabel('Organization name');
      await expect(name.inputValue()).resolves.toBe('Audited Corp');
      await expect(name.isDisabled()).resolves.toBe(true);
      await expect(page.getByLabel('Primary colour', { exact: true }).isDisabled()).resolves.toBe(true);
      await expect(page.getByRole('button', { name: 'Save branding' }).count()).resolves.toBe(0);
      await expect(page.getByRole('button', { name: 'Reset to defaults' }).count()).resolves.toBe(0);
    });
  });
});
