import type { BrowserContext, Page } from 'playwright-core';
import { describeWithChromium } from '../support/chromium';
import { aConsolePerson, useConsoleBrowser } from '../support/console-browser';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../support/test-server';

const PASSWORD = 'a long enough password 42';

interface Person {
  id: string;
  username: string;
  disabled: boolean;
}

describeWithChromium('admin console: groups, per-app access and limited admin roles', () => {
  const ui = useConsoleBrowser('console-groups');
  const { ctx } = ui;

  const aPerson = (username: string, roles: string[] = []) => aConsolePerson(ctx.admin, username, PASSWORD, roles);

  const { signIn, shot } = ui;

  const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name, exact: true });

  describe('as a full administrator', () => {
    let page: Page;
    let context: BrowserContext;
    let erin: Person;
    let wiki: { client_id: string };
    let groupId: string;

    beforeAll(async () => {
      erin = await aPerson('erin');
      wiki = await ctx.admin.registerClient({ client_name: 'Team wiki', redirect_uris: ['https://wiki.example.com/callback'], token_endpoint_auth_method: 'none', scope: 'openid profile' });
      ({ context, page } = await signIn(ADMIN_USERNAME, ADMIN_PASSWORD));
    }, 60_000);

    afterAll(async () => {
      await context?.close();
    });

    it('creates a group and adds a person to it', async () => {
      await nav(page, 'Groups').click();
      await page.getByRole('heading', { name: 'Groups', level: 1 }).waitFor();
      await page.getByText('No groups yet.').waitFor();
      await page.getByRole('button', { name: 'Create group' }).click();
      const form = page.getByRole('form', { name: 'Create group' });
      await form.getByLabel('Name', { exact: true }).fill('engineering');
      await form.getByLabel('Description').fill('Everyone who builds things');
      await form.getByRole('button', { name: 'Create group' }).click();
      await page.getByRole('heading', { name: 'engineering', level: 1 }).waitFor();
      groupId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
      await page.getByText('No members yet.').waitFor();

      const finder = page.getByRole('search', { name: 'Add a person' });
      await finder.getByRole('searchbox').fill('erin');
      await finder.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('button', { name: 'Add erin' }).click();
      const members = page.getByRole('region', { name: 'Members' });
      await members.locator('table.list').getByRole('link', { name: 'erin' }).waitFor();
      await members.getByRole('button', { name: 'Remove erin' }).waitFor();
      await shot(page, '01-group-with-member');

      const group = await ctx.admin.get<{ name: string; description: string }>(`/admin/v1/groups/${groupId}`);
      expect(group.body).toMatchObject({ name: 'engineering', description: 'Everyone who builds things' });
      const listed = await ctx.admin.get<{ items: { type: string; id: string }[] }>(`/admin/v1/groups/${groupId}/members`);
      expect(listed.body.items).toEqual([expect.objectContaining({ type: 'user', id: erin.id, username: 'erin' })]);
    });

    it('restricts an application to the group and lists who can sign in through it', async () => {
      await nav(page, 'Applications').click();
      await page.getByLabel('Search applications').fill('Team wiki');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('link', { name: 'Team wiki' }).click();
      await page.getByRole('navigation', { name: 'Application' }).getByRole('link', { name: 'Access' }).click();
      const signIns = page.getByRole('region', { name: 'Who can sign in' });
      await signIns.getByText('Everyone with an account').waitFor();

      await page.getByLabel('Add group').fill('engineering');
      await page.getByRole('button', { name: 'Add group' }).click();
      await page.getByRole('button', { name: 'Save access' }).click();
      await page.getByText('Access saved.').waitFor();
      const row = signIns.locator('table.list tbody tr').filter({ hasText: 'erin' });
      await row.waitFor();
      await expect(row.textContent()).resolves.toContain('engineering');
      await expect(signIns.locator('table.list tbody tr').count()).resolves.toBe(1);
      await shot(page, '02-app-access');

      const client = await ctx.admin.get<{ allowed_groups: string[] }>(`/admin/v1/clients/${wiki.client_id}`);
      expect(client.body.allowed_groups).toEqual(['engineering']);
      // A settings save sends the whole registration: it must keep the app restricted.
      await page.getByRole('navigation', { name: 'Application' }).getByRole('link', { name: 'Settings' }).click();
      await page.getByLabel('Name', { exact: true }).fill('Team wiki (internal)');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('Saved.').waitFor();
      const saved = await ctx.admin.get<{ client_name: string; allowed_groups: string[] }>(`/admin/v1/clients/${wiki.client_id}`);
      expect(saved.body).toMatchObject({ client_name: 'Team wiki (internal)', allowed_groups: ['engineering'] });
    });

    it("shows a person's groups, direct and through another group, and the apps they can use", async () => {
      // A group holding engineering: erin is in it through engineering.
      const staff = await ctx.admin.send<{ id: string }>('POST', '/admin/v1/groups', { name: 'staff' });
      expect(staff.status).toBe(201);
      expect((await ctx.admin.send('PUT', `/admin/v1/groups/${staff.body.id}/members/${groupId}`)).status).toBe(204);

      await nav(page, 'People').click();
      await page.getByLabel('Search people').fill('erin');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('link', { name: 'erin', exact: true }).click();
      await page.getByRole('heading', { name: 'erin Example' }).waitFor();
      const groups = page.getByRole('region', { name: 'Groups' });
      await groups.getByRole('listitem').filter({ hasText: 'engineering' }).filter({ hasText: 'direct member' }).waitFor();
      await groups.getByRole('listitem').filter({ hasText: 'staff' }).filter({ hasText: 'through engineering' }).waitFor();
      // Only a direct membership is taken away here.
      await groups.getByRole('button', { name: 'Remove from engineering' }).waitFor();
      await expect(groups.getByRole('button', { name: 'Remove from staff' }).count()).resolves.toBe(0);

      const apps = page.getByRole('region', { name: 'Apps' });
      const wikiEntry = apps.getByRole('listitem').filter({ hasText: 'Team wiki (internal)' });
      await wikiEntry.waitFor();
      await expect(wikiEntry.textContent()).resolves.toContain('through engineering');
      await shot(page, '03-person-groups-and-apps');

      const access = await ctx.admin.get<{ items: { client_id: string; everyone: boolean; via: string[] }[] }>(`/admin/v1/users/${erin.id}/access`);
      expect(access.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ client_id: wiki.client_id, everyone: false, via: ['engineering'] })]));
    });

    it('adds a person to a group from their page, and their apps follow', async () => {
      const frank = await aPerson('frank');
      await page.goto(`${ui.issuer}/console/people/${frank.id}`);
      await page.getByRole('heading', { name: 'frank Example' }).waitFor();
      const apps = page.getByRole('region', { name: 'Apps' });
      await apps.getByRole('listitem').first().waitFor();
      await expect(apps.getByRole('listitem').filter({ hasText: 'Team wiki' }).count()).resolves.toBe(0);

      const finder = page.getByRole('search', { name: 'Add to a group' });
      await finder.getByRole('searchbox').fill('engineering');
      await finder.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('button', { name: 'Add to engineering' }).click();
      await page.getByText('Added to engineering.').waitFor();
      await apps.getByRole('listitem').filter({ hasText: 'Team wiki' }).filter({ hasText: 'through engineering' }).waitFor();
      const groups = await ctx.admin.get<{ items: { name: string; direct: boolean }[] }>(`/admin/v1/users/${frank.id}/groups`);
      expect(groups.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'engineering', direct: true })]));
    });

    it('refuses to delete a group an application still allows, then deletes it anyway when asked', async () => {
      const contractors = await ctx.admin.send<{ id: string }>('POST', '/admin/v1/groups', { name: 'contractors' });
      expect(contractors.status).toBe(201);
      const portal = await ctx.admin.registerClient({ client_name: 'Contractor portal', redirect_uris: ['https://portal.example.com/cb'], token_endpoint_auth_method: 'none', allowed_groups: ['contractors'] });

      await page.goto(`${ui.issuer}/console/groups/${contractors.body.id}`);
      await page.getByRole('heading', { name: 'contractors', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Delete group' }).click();
      await page.getByRole('button', { name: 'Delete permanently' }).click();
      const refusal = page.getByRole('region', { name: 'Delete group' }).getByRole('alert');
      await refusal.getByText(/Applications that allow it/).waitFor();
      await expect(refusal.textContent()).resolves.toContain(portal.client_id);
      await shot(page, '04-group-in-use');
      expect((await ctx.admin.get(`/admin/v1/groups/${contractors.body.id}`)).status).toBe(200);

      await page.getByRole('button', { name: 'Delete anyway' }).click();
      await page.getByRole('button', { name: 'Delete permanently' }).click();
      await page.waitForURL(`${ui.issuer}/console/groups`);
      expect((await ctx.admin.get(`/admin/v1/groups/${contractors.body.id}`)).status).toBe(404);
      const client = await ctx.admin.get<{ allowed_groups: string[] }>(`/admin/v1/clients/${portal.client_id}`);
      expect(client.body.allowed_groups).toEqual([]);
    });
  });

  describe('as a helpdesk person', () => {
    let page: Page;
    let context: BrowserContext;
    let ivy: Person;

    beforeAll(async () => {
      await aPerson('hank', ['helpdesk']);
      ivy = await aPerson('ivy');
      ({ context, page } = await signIn('hank', PASSWORD));
    }, 60_000);

    afterAll(async () => {
      await context?.close();
    });

    it('opens on People and shows no section or button the role cannot use', async () => {
      await page.waitForURL(`${ui.issuer}/console/people`);
      await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'ivy', exact: true }).waitFor();
      await expect(nav(page, 'People').count()).resolves.toBe(1);
      for (const hidden of ['Applications', 'APIs', 'Groups', 'Signing keys', 'Playground']) {
        await expect(nav(page, hidden).count()).resolves.toBe(0);
      }
      await expect(page.getByRole('button', { name: 'Add person' }).count()).resolves.toBe(0);
      await shot(page, '05-helpdesk-people');

      await page.goto(`${ui.issuer}/console/applications`);
      await page.getByRole('heading', { name: 'Not available to your role' }).waitFor();
      await expect(page.getByRole('link', { name: 'Create application' }).count()).resolves.toBe(0);
    });

    it('disables a person, but sees no profile, roles or delete controls', async () => {
      await nav(page, 'People').click();
      await page.getByRole('link', { name: 'ivy', exact: true }).click();
      await page.getByRole('heading', { name: 'ivy Example' }).waitFor();
      await page.getByRole('button', { name: 'Reset password' }).waitFor();
      await page.getByRole('button', { name: 'Unlock sign-in' }).waitFor();
      for (const hidden of ['Save roles', 'Save profile', 'Delete person']) {
        await expect(page.getByRole('button', { name: hidden }).count()).resolves.toBe(0);
      }

      await page.getByRole('button', { name: 'Disable' }).click();
      await page.getByRole('group', { name: 'Stop this person from signing in?' }).getByRole('button', { name: 'Disable' }).click();
      await page.getByText('Disabled.').waitFor();
      await page.getByRole('button', { name: 'Enable' }).waitFor();
      await shot(page, '06-helpdesk-disabled-person');
      const after = await ctx.admin.get<Person>(`/admin/v1/users/${ivy.id}`);
      expect(after.body).toMatchObject({ username: 'ivy', disabled: true });
    });
  });

  describe('as an auditor', () => {
    let page: Page;
    let context: BrowserContext;
    let app: { client_id: string };

    beforeAll(async () => {
      await aPerson('audrey', ['auditor']);
      app = await ctx.admin.registerClient({ client_name: 'Ledger', redirect_uris: ['https://ledger.example.com/cb'], token_endpoint_auth_method: 'none' });
      ({ context, page } = await signIn('audrey', PASSWORD));
    }, 60_000);

    afterAll(async () => {
      await context?.close();
    });

    it('reads every section but is offered nothing that changes them', async () => {
      await page.waitForURL(`${ui.issuer}/console/applications`);
      for (const shown of ['Applications', 'APIs', 'People', 'Groups', 'Audit log']) await expect(nav(page, shown).count()).resolves.toBe(1);
      await expect(page.getByRole('link', { name: 'Create application' }).count()).resolves.toBe(0);

      await page.goto(`${ui.issuer}/console/applications/${app.client_id}`);
      await page.getByRole('heading', { name: 'Ledger', level: 1 }).waitFor();
      await expect(page.getByLabel('Name', { exact: true }).isDisabled()).resolves.toBe(true);
      for (const hidden of ['Save changes', 'Delete application']) await expect(page.getByRole('button', { name: hidden }).count()).resolves.toBe(0);
      await page.getByRole('navigation', { name: 'Application' }).getByRole('link', { name: 'Access' }).click();
      await page.getByRole('region', { name: 'Who can sign in' }).getByText('Everyone with an account').waitFor();
      await expect(page.getByRole('button', { name: 'Save access' }).count()).resolves.toBe(0);
      await expect(page.getByRole('button', { name: 'Add group' }).count()).resolves.toBe(0);

      await nav(page, 'Groups').click();
      await page.getByRole('link', { name: 'engineering' }).waitFor();
      await expect(page.getByRole('button', { name: 'Create group' }).count()).resolves.toBe(0);
      await nav(page, 'People').click();
      await page.getByRole('link', { name: 'erin', exact: true }).waitFor();
      await expect(page.getByRole('button', { name: 'Add person' }).count()).resolves.toBe(0);
      await shot(page, '08-auditor-people');
    });
  });

  describe('as an app-owner', () => {
    let page: Page;
    let context: BrowserContext;
    let own: { client_id: string };
    let other: { client_id: string };

    beforeAll(async () => {
      const olive = await aPerson('olive', ['app-owner']);
      own = await ctx.admin.registerClient({ client_name: 'Olive shop', redirect_uris: ['https://shop.example.com/cb'], token_endpoint_auth_method: 'none', owners: [olive.id] });
      other = await ctx.admin.registerClient({ client_name: 'Payroll', redirect_uris: ['https://payroll.example.com/cb'], token_endpoint_auth_method: 'none' });
      ({ context, page } = await signIn('olive', PASSWORD));
    }, 60_000);

    afterAll(async () => {
      await context?.close();
    });

    it('sees only the applications they own, and cannot create one', async () => {
      await page.waitForURL(`${ui.issuer}/console/applications`);
      await page.getByRole('link', { name: 'Olive shop' }).waitFor();
      const rows = page.locator('table.list tbody tr');
      await expect(rows.count()).resolves.toBe(1);
      await expect(page.getByRole('link', { name: 'Payroll' }).count()).resolves.toBe(0);
      await expect(page.getByRole('link', { name: 'Create application' }).count()).resolves.toBe(0);
      await expect(nav(page, 'People').count()).resolves.toBe(0);
      await shot(page, '07-app-owner-applications');

      await page.getByRole('link', { name: 'Olive shop' }).click();
      await page.getByRole('heading', { name: 'Olive shop', level: 1 }).waitFor();
      await expect(page.getByTestId('client-id').textContent()).resolves.toBe(own.client_id);
      await page.getByRole('button', { name: 'Save changes' }).waitFor();

      // Someone else's application is not there for them at all.
      await page.goto(`${ui.issuer}/console/applications/${other.client_id}`);
      await page.getByRole('alert').waitFor();
      await expect(page.getByRole('heading', { name: 'Payroll' }).count()).resolves.toBe(0);
    });
  });
});
