import { describeWithChromium } from '../support/chromium';
import { useAdminConsole } from '../support/console-browser';

describeWithChromium('admin console: implicit sign-in opt-in', () => {
  const ui = useAdminConsole();
  const { ctx } = ui;

  it('turns implicit sign-in on and off, saying it is legacy and for sign-in only', async () => {
    const app = await ctx.admin.registerClient({ client_name: 'Old SPA', redirect_uris: ['https://app.example.com/callback'], scope: 'openid' });
    await ui.page.goto(`${ctx.server.config.issuer}/console/applications/${app.client_id}`);
    const section = ui.page.getByRole('group', { name: 'Implicit sign-in (legacy)' });
    await section.getByText('Legacy, for sign-in only').waitFor();
    // Not offered a second time among the grant types.
    expect(await ui.page.getByRole('group', { name: 'Grant types' }).getByLabel('implicit', { exact: true }).count()).toBe(0);
    await section.getByLabel('Allow implicit sign-in').check();
    await ui.page.getByRole('button', { name: 'Save changes' }).click();
    await ui.page.getByText('Saved.').waitFor();
    const saved = await ctx.admin.get<{ grant_types: string[]; response_types: string[] }>(`/admin/v1/clients/${app.client_id}`);
    expect(saved.body.grant_types).toEqual(expect.arrayContaining(['authorization_code', 'implicit']));
    expect(saved.body.response_types).toEqual(['code', 'id_token']);

    await section.getByLabel('Allow implicit sign-in').uncheck();
    await ui.page.getByRole('button', { name: 'Save changes' }).click();
    await ui.page.getByText('Saved.').waitFor();
    const off = await ctx.admin.get<{ grant_types: string[]; response_types: string[] }>(`/admin/v1/clients/${app.client_id}`);
    expect(off.body.grant_types).not.toContain('implicit');
    expect(off.body.response_types).toEqual(['code']);
  }, 60_000);
});
