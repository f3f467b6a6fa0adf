import { describeWithChromium } from '../support/chromium';
import { useAdminConsole } from '../support/console-browser';

describeWithChromium('admin console: DPoP-bound tokens per application', () => {
  const ui = useAdminConsole();
  const { ctx } = ui;

  it('turns dpop_bound_access_tokens on and off, and other saves keep it', async () => {
    const app = await ctx.admin.registerClient({ client_name: 'Bound app', redirect_uris: ['https://app.example.com/callback'], first_party: true, scope: 'openid' });
    await ui.page.goto(`${ctx.server.config.issuer}/console/applications/${app.client_id}`);
    const checkbox = ui.page.getByLabel('Require DPoP-bound tokens');
    expect(await checkbox.isChecked()).toBe(false);
    await checkbox.check();
    await ui.page.getByRole('button', { name: 'Save changes' }).click();
    await ui.page.getByText('Saved.').waitFor();
    expect((await ctx.admin.get(`/admin/v1/clients/${app.client_id}`)).body).toMatchObject({ dpop_bound_access_tokens: true });

    await ui.page.reload();
    expect(await ui.page.getByLabel('Require DPoP-bound tokens').isChecked()).toBe(true);
    await ui.page.getByLabel('Require DPoP-bound tokens').uncheck();
    await ui.page.getByRole('button', { name: 'Save changes' }).click();
    await ui.page.getByText('Saved.').waitFor();
    expect((await ctx.admin.get(`/admin/v1/clients/${app.client_id}`)).body).toMatchObject({ dpop_bound_access_tokens: false });
  });
});
