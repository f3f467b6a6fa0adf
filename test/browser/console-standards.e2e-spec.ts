import { describeWithChromium } from '../support/chromium';
import { useAdminConsole } from '../support/console-browser';

/** The per-client and per-API switches of pushed authorization requests and token exchange. */
describeWithChromium('admin console: PAR and token exchange settings', () => {
  const ui = useAdminConsole();
  const { ctx } = ui;

  it('an application can be made to require pushed authorization requests', async () => {
    const app = await ctx.admin.registerClient({ client_name: 'Wiki', redirect_uris: ['https://app.example.com/callback'], scope: 'openid' });
    await ui.page.goto(`${ctx.server.config.issuer}/console/applications/${app.client_id}`);
    await ui.page.getByLabel('Require pushed authorization requests (PAR)').check();
    await ui.page.getByRole('button', { name: 'Save changes' }).click();
    await ui.page.getByText('Saved.').waitFor();
    expect((await ctx.admin.get(`/admin/v1/clients/${app.client_id}`)).body).toMatchObject({ require_pushed_authorization_requests: true });
  });

  it('an API lists the clients that may exchange tokens toward it', async () => {
    const service = await ctx.admin.registerClient({ client_name: 'Orders service', grant_types: ['urn:ietf:params:oauth:grant-type:token-exchange'] });
    const created = await ctx.admin.send<{ id: string }>('POST', '/admin/v1/apis', { identifier: 'https://billing.example.com', name: 'Billing', scopes: [{ name: 'billing:read' }] });
    await ui.page.goto(`${ctx.server.config.issuer}/console/apis/${created.body.id}`);
    await ui.page.getByText('No client may exchange').waitFor();
    await ui.page.getByLabel('Add exchanging client').fill(service.client_id);
    await ui.page.getByLabel('Add exchanging client').press('Enter');
    await ui.page.getByRole('button', { name: 'Save changes' }).click();
    await ui.page.getByText('Saved.').waitFor();
    const saved = await ctx.admin.get(`/admin/v1/apis/${created.body.id}`);
    expect(saved.body).toMatchObject({ token_exchange: { allowed_clients: [service.client_id] }, allowed_clients: [] });
  });
});
