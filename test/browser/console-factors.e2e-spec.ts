import type { PersonFactorsView, UserView } from '@app/contracts';
import { describeWithChromium } from '../support/chromium';
import { aConsolePerson, useConsoleBrowser } from '../support/console-browser';
import { BrowserSession, submitLogin } from '../support/browser-session';
import { enrollTotp, regenerateRecoveryCodes } from '../support/factor-fixtures';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../support/test-server';

const PASSWORD = 'a long enough password 42';

describeWithChromium('admin console: locks, sign-in factors and group requirements', () => {
  const ui = useConsoleBrowser('console-factors', { LOGIN_MAX_FAILURES: '3' });
  const { ctx } = ui;

  const aPerson = (username: string, roles: string[] = []) => aConsolePerson(ctx.admin, username, PASSWORD, roles);

  async function lockOut(username: string): Promise<void> {
    for (let i = 0; i < 3; i++) {
      const session = new BrowserSession(ctx.server.baseUrl);
      await submitLogin(session, await session.get('/login'), username, 'not the password');
    }
  }

  const { signIn, shot } = ui;

  const factorsOf = async (id: string) => (await ctx.admin.get<PersonFactorsView>(`/admin/v1/users/${id}/factors`)).body;

  it('helpdesk sees the lock and the factors, unlocks, removes one factor and resets the rest', async () => {
    await aPerson('hank', ['helpdesk']);
    const lena = await aPerson('lena');
    const phone = await enrollTotp(ctx.server.app, lena, 'Phone');
    await enrollTotp(ctx.server.app, lena, 'Tablet');
    await regenerateRecoveryCodes(ctx.server.app, lena.id);
    await lockOut('lena');

    const { context, page } = await signIn('hank', PASSWORD);
    try {
      await page.goto(`${ui.issuer}/console/people/${lena.id}`);
      await page.getByRole('heading', { name: 'lena Example' }).waitFor();
      await page.getByText(/^Locked until .* after too many failed sign-in attempts\.$/).waitFor();
      const factors = page.getByRole('region', { name: 'Sign-in factors' });
      await factors.getByText('Recovery codes left: 10').waitFor();
      await factors.getByText('Phone', { exact: true }).waitFor();
      await shot(page, '01-helpdesk-locked-person-with-factors');

      await page.getByRole('button', { name: 'Unlock sign-in' }).click();
      await page.getByRole('group', { name: 'End the lock, so this person can sign in again now?' }).getByRole('button', { name: 'Unlock' }).click();
      await page.getByText('Sign-in unlocked.').waitFor();
      expect((await ctx.admin.get<UserView>(`/admin/v1/users/${lena.id}`)).body.locked_until).toBeNull();
      // The page reads the person again after the notice: the lock line then goes.
      await page.getByText(/^Locked until/).waitFor({ state: 'detached' });

      await factors.getByRole('button', { name: 'Remove Phone' }).click();
      await page.getByRole('group', { name: /^Remove “Phone”\?/ }).getByRole('button', { name: 'Remove' }).click();
      await page.getByText('Phone removed.').waitFor();
      expect((await factorsOf(lena.id)).items.map((factor) => factor.id)).not.toContain(phone.factorId);

      await factors.getByRole('button', { name: 'Reset all factors' }).click();
      await page.getByRole('group', { name: /^Remove every passkey/ }).getByRole('button', { name: 'Reset all factors' }).click();
      await page.getByText('Sign-in factors reset.').waitFor();
      await factors.getByText('No second factor: this person signs in with a password only.').waitFor();
      expect(await factorsOf(lena.id)).toEqual({ items: [], recovery_codes_remaining: 0 });
      await shot(page, '02-helpdesk-after-reset');
    } finally {
      await context.close();
    }
  });

  it('an auditor sees the lock and the factors but no button to change them', async () => {
    await aPerson('ada', ['auditor']);
    const mo = await aPerson('mo');
    await enrollTotp(ctx.server.app, mo, 'Phone');
    await lockOut('mo');
    const { context, page } = await signIn('ada', PASSWORD);
    try {
      await page.goto(`${ui.issuer}/console/people/${mo.id}`);
      await page.getByRole('heading', { name: 'mo Example' }).waitFor();
      await page.getByText(/locked until/).waitFor();
      const factors = page.getByRole('region', { name: 'Sign-in factors' });
      await factors.getByText('Phone', { exact: true }).waitFor();
      for (const hidden of ['Remove Phone', 'Reset all factors', 'Unlock sign-in']) {
        await expect(page.getByRole('button', { name: hidden }).count()).resolves.toBe(0);
      }
      await page.goto(`${ui.issuer}/console/people`);
      await page.getByLabel('Search people').fill('mo');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.locator('table.list tbody tr').filter({ hasText: 'mo Example' }).getByText('locked', { exact: true }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('an administrator makes a group require a second factor, then a passkey', async () => {
    const { context, page } = await signIn(ADMIN_USERNAME, ADMIN_PASSWORD);
    try {
      await page.goto(`${ui.issuer}/console/groups`);
      await page.getByRole('button', { name: 'Create group' }).click();
      const form = page.getByRole('form', { name: 'Create group' });
      await form.getByLabel('Name', { exact: true }).fill('operators');
      await form.getByLabel('Require a second factor').check();
      await form.getByRole('button', { name: 'Create group' }).click();
      await page.getByRole('heading', { name: 'operators', level: 1 }).waitFor();
      const groupId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
      expect((await ctx.admin.get(`/admin/v1/groups/${groupId}`)).body).toMatchObject({ require_mfa: true, require_phishing_resistant: false });

      const details = page.getByRole('form', { name: 'Group details' });
      await expect(details.getByLabel('Require a second factor').isChecked()).resolves.toBe(true);
      await details.getByLabel('Require a passkey or security key').check();
      await details.getByRole('button', { name: 'Save group' }).click();
      await details.getByText('Saved.').waitFor();
      expect((await ctx.admin.get(`/admin/v1/groups/${groupId}`)).body).toMatchObject({ require_mfa: true, require_phishing_resistant: true });
      await shot(page, '03-group-requirements');

      await page.goto(`${ui.issuer}/console/groups`);
      await page.locator('table.list tbody tr').filter({ hasText: 'operators' }).getByText('Passkey or security key').waitFor();
    } finally {
      await context.close();
    }
  });
});
