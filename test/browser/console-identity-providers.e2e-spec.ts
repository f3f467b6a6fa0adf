import type { BrowserContext, Page } from 'playwright-core';
import type { IdentityProviderView } from '@app/contracts';
import { describeWithChromium } from '../support/chromium';
import { useConsoleBrowser } from '../support/console-browser';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../support/test-server';

const PASSWORD = 'a long enough password 42';
const CLIENT_SECRET = 'upstream client secret 7f3a';
const BIND_PASSWORD = 'directory bind password 91c2';

describeWithChromium('admin console: sign-in providers', () => {
  const ui = useConsoleBrowser('console-identity-providers', { KEY_ENCRYPTION_SECRET: 'console-identity-provider-secret-0123456789' });
  const { ctx } = ui;

  const { signIn, shot } = ui;

  const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });
  const providerNamed = async (name: string) => {
    const listed = await ctx.admin.get<{ items: IdentityProviderView[] }>('/admin/v1/identity-providers');
    return listed.body.items.find((provider) => provider.name === name);
  };

  describe('as a full administrator', () => {
    let page: Page;
    let context: BrowserContext;

    beforeAll(async () => {
      expect((await ctx.admin.send('POST', '/admin/v1/groups', { name: 'engineering' })).status).toBe(201);
      ({ context, page } = await signIn(ADMIN_USERNAME, ADMIN_PASSWORD));
    }, 60_000);

    afterAll(async () => {
      await context?.close();
    });

    it('creates an Entra ID provider through the form and shows the redirect URI to register, never the secret', async () => {
      await nav(page, 'Sign-in providers').click();
      await page.getByRole('heading', { name: 'Sign-in providers', level: 1 }).waitFor();
      await page.getByText('No sign-in providers yet').waitFor();
      await page.getByRole('button', { name: 'Add provider' }).click();
      const form = page.getByRole('form', { name: 'Add provider' });
      await expect(form.getByRole('radio', { name: /OpenID Connect/ }).isChecked()).resolves.toBe(true);
      await form.getByLabel('Template').selectOption('entra-id');
      await form.getByText('Expected shape: https://login.microsoftonline.com/{tenant-id}/v2.0').waitFor();
      await form.getByLabel('Name', { exact: true }).fill('contoso');
      await form.getByText(`${ui.issuer}/federation/contoso/callback`).waitFor();
      await form.getByLabel('Display name').fill('Contoso');
      await form.getByLabel('Issuer').fill('https://login.microsoftonline.com/0000-tenant/v2.0');
      await form.getByLabel('Client ID').fill('our-app-at-contoso');
      await form.getByLabel('Client secret').fill(CLIENT_SECRET);
      await expect(form.getByLabel('Client secret').getAttribute('type')).resolves.toBe('password');
      await form.getByLabel('Domains').fill('contoso.com');
      await shot(page, '01-create-entra-id');
      await form.getByRole('button', { name: 'Add provider' }).click();

      await page.getByRole('heading', { name: 'Contoso', level: 1 }).waitFor();
      const redirect = page.getByRole('region', { name: 'Redirect URI to register upstream' });
      await expect(redirect.getByTestId('redirect-uri').textContent()).resolves.toBe(`${ui.issuer}/federation/contoso/callback`);
      await redirect.getByRole('button', { name: 'Copy redirect URI' }).waitFor();
      await page.getByText('A secret is stored.').waitFor();
      await expect(page.getByLabel('Client secret').inputValue()).resolves.toBe('');
      await expect(page.content()).resolves.not.toContain(CLIENT_SECRET);
      await shot(page, '02-entra-id-provider');

      const stored = await providerNamed('contoso');
      expect(stored).toMatchObject({
        type: 'oidc', display_name: 'Contoso', issuer: 'https://login.microsoftonline.com/0000-tenant/v2.0', client_id: 'our-app-at-contoso',
        scopes: ['openid', 'profile', 'email'], groups_claim: 'groups', domains: ['contoso.com'], jit: true, enabled: true, secret_set: true,
        redirect_uri: `${ui.issuer}/federation/contoso/callback`,
      });
    });

    it('edits the display name and adds a group mapping, sending only what changed and keeping the secret', async () => {
      const form = page.getByRole('form', { name: 'Save changes' });
      await form.getByLabel('Display name').fill('Contoso Ltd');
      await form.getByRole('button', { name: 'Add mapping' }).click();
      await form.getByLabel('Upstream group 1').fill('6f1d-engineering-object-id');
      await form.getByLabel('Our group 1').selectOption('engineering');
      // One upstream group maps to one of ours: a second row for it is pointed out before anything is sent.
      await form.getByRole('button', { name: 'Add mapping' }).click();
      await form.getByLabel('Upstream group 2').fill('6f1d-engineering-object-id');
      await form.getByText('“6f1d-engineering-object-id” is mapped twice: keep one row for it.').waitFor();
      await form.getByRole('button', { name: 'Remove mapping 2' }).click();
      await expect(form.getByText(/is mapped twice/).count()).resolves.toBe(0);
      const patch = page.waitForRequest((request) => request.method() === 'PATCH' && request.url().includes('/admin/v1/identity-providers/'));
      await form.getByRole('button', { name: 'Save changes' }).click();
      expect((await patch).postDataJSON()).toEqual({ display_name: 'Contoso Ltd', group_mapping: { '6f1d-engineering-object-id': 'engineering' } });
      await page.getByText('Saved.').waitFor();
      await page.getByRole('heading', { name: 'Contoso Ltd', level: 1 }).waitFor();
      await expect(page.getByLabel('Upstream group 1').inputValue()).resolves.toBe('6f1d-engineering-object-id');
      await shot(page, '03-edited-with-mapping');

      const stored = await providerNamed('contoso');
      expect(stored).toMatchObject({ display_name: 'Contoso Ltd', group_mapping: { '6f1d-engineering-object-id': 'engineering' }, secret_set: true, client_id: 'our-app-at-contoso' });

      await nav(page, 'Sign-in providers').click();
      const row = page.locator('table.list tbody tr').filter({ hasText: 'contoso' });
      await row.waitFor();
      await expect(row.textContent()).resolves.toMatch(/Contoso Ltd.*OpenID Connect.*Enabled/);
    });

    it('creates an Active Directory directory, showing the API’s field error beside a bad URL first', async () => {
      await page.getByRole('button', { name: 'Add provider' }).click();
      const form = page.getByRole('form', { name: 'Add provider' });
      await form.getByRole('radio', { name: /LDAP directory/ }).check();
      await expect(form.getByLabel('Template').inputValue()).resolves.toBe('active-directory');
      await expect(form.getByLabel('Nested groups').isChecked()).resolves.toBe(true);
      await expect(form.getByLabel('User filter').getAttribute('placeholder')).resolves.toBe('(&(objectClass=user)(sAMAccountName={username}))');
      await form.getByLabel('Name', { exact: true }).fill('corp');
      await form.getByLabel('URL').fill('http://dc1.corp.example');
      await form.getByLabel('Bind DN').fill('CN=svc-sso,OU=Service,DC=corp,DC=example');
      await form.getByLabel('Bind password').fill(BIND_PASSWORD);
      await form.getByLabel('User base DN').fill('OU=People,DC=corp,DC=example');
      await form.getByLabel('Group base DN').fill('OU=Groups,DC=corp,DC=example');
      await form.getByRole('button', { name: 'Add provider' }).click();

      const urlError = form.locator('.field.has-error').filter({ has: page.getByLabel('URL') }).locator('.field-error');
      await expect(urlError.textContent()).resolves.toBe('must be ldap://host:port or ldaps://host:port');
      await expect(form.getByLabel('URL').getAttribute('aria-invalid')).resolves.toBe('true');
      await shot(page, '04-ldap-bad-url');
      expect(await providerNamed('corp')).toBeUndefined();

      await form.getByLabel('URL').fill('ldaps://dc1.corp.example:636');
      await form.getByRole('button', { name: 'Add provider' }).click();
      await page.getByRole('heading', { name: 'corp', level: 1 }).waitFor();
      await page.getByText('A secret is stored.').waitFor();
      await expect(page.getByRole('region', { name: 'Redirect URI to register upstream' }).count()).resolves.toBe(0);
      await expect(page.content()).resolves.not.toContain(BIND_PASSWORD);
      await shot(page, '05-active-directory-provider');

      const stored = await providerNamed('corp');
      expect(stored).toMatchObject({
        type: 'ldap', url: 'ldaps://dc1.corp.example:636', start_tls: false, user_base_dn: 'OU=People,DC=corp,DC=example',
        user_filter: '(&(objectClass=user)(sAMAccountName={username}))', group_filter: '(member:1.2.840.113556.1.4.1941:={dn})',
        nested_groups: true, attributes: { username: 'sAMAccountName', id: 'objectGUID' }, secret_set: true,
      });
    });

    it('deletes a provider after asking', async () => {
      const corp = await providerNamed('corp');
      await page.goto(`${ui.issuer}/console/providers/${corp!.id}`);
      await page.getByRole('heading', { name: 'corp', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Delete provider' }).click();
      await page.getByRole('group', { name: 'Delete “corp”? This cannot be undone.' }).getByRole('button', { name: 'Delete permanently' }).click();
      await page.waitForURL(`${ui.issuer}/console/providers`);
      await page.getByRole('link', { name: 'contoso' }).waitFor();
      await expect(page.getByRole('link', { name: 'corp' }).count()).resolves.toBe(0);
      expect((await ctx.admin.get(`/admin/v1/identity-providers/${corp!.id}`)).status).toBe(404);
    });
  });

  describe('as an auditor', () => {
    let page: Page;
    let context: BrowserContext;

    beforeAll(async () => {
      const created = await ctx.admin.send('POST', '/admin/v1/users', { username: 'audrey', password: PASSWORD, name: 'Audrey Example', roles: ['auditor'] });
      expect(created.status).toBe(201);
      ({ context, page } = await signIn('audrey', PASSWORD));
    }, 60_000);

    afterAll(async () => {
      await context?.close();
    });

    it('reads the providers but is offered nothing that changes them', async () => {
      await nav(page, 'Sign-in providers').click();
      await page.getByRole('link', { name: 'contoso' }).waitFor();
      await expect(page.getByRole('button', { name: 'Add provider' }).count()).resolves.toBe(0);

      await page.getByRole('link', { name: 'contoso' }).click();
      await page.getByRole('heading', { name: 'Contoso Ltd', level: 1 }).waitFor();
      await expect(page.getByTestId('redirect-uri').textContent()).resolves.toBe(`${ui.issuer}/federation/contoso/callback`);
      await expect(page.getByLabel('Display name').isDisabled()).resolves.toBe(true);
      await expect(page.getByTestId('secret-status').textContent()).resolves.toBe('Client secret: a secret is stored.');
      await expect(page.getByLabel('Client secret').count()).resolves.toBe(0);
      for (const hidden of ['Save changes', 'Delete provider', 'Add mapping', 'Remove mapping 1']) {
        await expect(page.getByRole('button', { name: hidden }).count()).resolves.toBe(0);
      }
      await shot(page, '06-auditor-provider');
    });
  });
});
