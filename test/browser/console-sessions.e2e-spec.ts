import type { SessionView } from '@app/contracts';
import { describeWithChromium } from '../support/chromium';
import { BrowserSession } from '../support/browser-session';
import { aConsolePerson, useConsoleBrowser } from '../support/console-browser';
import { authorize, authorizeWithPkce, callbackParams, registerWebClient } from '../support/sign-in';

const PASSWORD = 'a long enough password 42';

describeWithChromium('admin console: a person\'s sessions', () => {
  const ui = useConsoleBrowser('console-sessions');
  const { ctx } = ui;

  const aPerson = (username: string, roles: string[] = []) => aConsolePerson(ctx.admin, username, PASSWORD, roles);
  const signIn = (username: string) => ui.signIn(username, PASSWORD);
  const sessionsOf = async (id: string) => (await ctx.admin.get<{ items: SessionView[] }>(`/admin/v1/users/${id}/sessions`)).body.items;

  it('helpdesk sees each session with its apps, ends one, then all', async () => {
    await aPerson('hana', ['helpdesk']);
    const rui = await aPerson('rui');
    const app = await registerWebClient(ctx.admin, { first_party: true, client_name: 'Timesheets' });
    for (let i = 0; i < 2; i++) {
      const { url } = authorizeWithPkce(app.client_id, { scope: 'openid' });
      expect(callbackParams(await authorize(new BrowserSession(ctx.server.baseUrl), url, { username: 'rui', password: PASSWORD })).get('code')).toBeTruthy();
    }

    const { context, page } = await signIn('hana');
    try {
      await page.goto(`${ui.issuer}/console/people/${rui.id}`);
      await page.getByRole('heading', { name: 'rui Example' }).waitFor();
      const sessions = page.getByRole('region', { name: 'Sessions' });
      const rows = sessions.locator('table.list tbody tr');
      await rows.nth(1).waitFor();
      expect(await rows.count()).toBe(2);
      for (const header of ['Started', 'Last seen', 'IP', 'Browser', 'Apps']) await sessions.getByRole('columnheader', { name: header }).waitFor();
      await rows.first().getByText('Timesheets').waitFor();
      await ui.shot(page, '01-sessions');

      await rows.first().getByRole('button', { name: 'End' }).click();
      await sessions.getByRole('group', { name: /^End the session started/ }).getByRole('button', { name: 'End session' }).click();
      await page.getByText('Session ended.').waitFor();
      await expect(sessionsOf(rui.id)).resolves.toHaveLength(1);
      await rows.nth(1).waitFor({ state: 'detached' });

      await sessions.getByRole('button', { name: 'End all sessions' }).click();
      await sessions.getByRole('group', { name: /^End every session of this person\?/ }).getByRole('button', { name: 'End all sessions' }).click();
      await page.getByText('Sessions ended.').waitFor();
      await sessions.getByText('No active sessions.').waitFor();
      await expect(sessionsOf(rui.id)).resolves.toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('an auditor sees the sessions but no button to end them', async () => {
    await aPerson('ines', ['auditor']);
    const tom = await aPerson('tom');
    const login = new BrowserSession(ctx.server.baseUrl);
    const { url } = authorizeWithPkce((await registerWebClient(ctx.admin, { first_party: true })).client_id, { scope: 'openid' });
    await authorize(login, url, { username: 'tom', password: PASSWORD });

    const { context, page } = await signIn('ines');
    try {
      await page.goto(`${ui.issuer}/console/people/${tom.id}`);
      const sessions = page.getByRole('region', { name: 'Sessions' });
      await sessions.locator('table.list tbody tr').first().waitFor();
      for (const hidden of ['End', 'End all sessions']) {
        await expect(sessions.getByRole('button', { name: hidden, exact: true }).count()).resolves.toBe(0);
      }
    } finally {
      await context.close();
    }
  });
});
