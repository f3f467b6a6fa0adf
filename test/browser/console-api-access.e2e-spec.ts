import type { Page } from 'playwright-core';
import { describeWithChromium } from '../support/chromium';
import { useAdminConsole } from '../support/console-browser';
import { basicAuth, decodeJwt, postForm } from '../support/http';

interface ApiView { id: string; identifier: string; allowed_clients: string[] }

describeWithChromium('console: which APIs and scopes a machine-to-machine app may use', () => {
  const ui = useAdminConsole();
  let orders: ApiView;
  let billing: ApiView;
  let gatekeeper: { client_id: string };

  const consoleUrl = (path: string) => `${ui.ctx.server.config.issuer}/console${path}`;
  const tokenFor = (clientId: string, secret: string, params: Record<string, string>) =>
    postForm<{ access_token: string; scope: string; error?: string }>(`${ui.ctx.server.baseUrl}/oauth2/token`, { grant_type: 'client_credentials', ...params }, { authorization: basicAuth(clientId, secret) });
  const scopesOf = (page: Page, apiName: string) => page.getByRole('group', { name: `Scopes of ${apiName}` });

  beforeAll(async () => {
    orders = (await ui.ctx.admin.send<ApiView>('POST', '/admin/v1/apis', {
      identifier: 'https://orders.console.test',
      name: 'Orders',
      scopes: [{ name: 'orders:read', description: 'Read orders' }, { name: 'orders:write', description: 'Change orders' }],
    })).body;
    billing = (await ui.ctx.admin.send<ApiView>('POST', '/admin/v1/apis', {
      identifier: 'https://billing.console.test',
      name: 'Billing',
      scopes: [{ name: 'billing:read', description: 'Read invoices' }],
    })).body;
    // Billing admits only the clients it lists: picking its scope must add the app to that list.
    gatekeeper = await ui.ctx.admin.registerClient({ client_name: 'Earlier service', grant_types: ['client_credentials'], scope: 'billing:read' });
    expect((await ui.ctx.admin.send('PATCH', `/admin/v1/apis/${billing.id}`, { allowed_clients: [gatekeeper.client_id] })).status).toBe(200);
  });

  it('creates an m2m app with an API scope picked: client credentials with that scope and resource gives the API a token', async () => {
    const { page } = ui;
    await page.goto(consoleUrl('/applications/new'));
    await page.getByRole('radio', { name: /Machine-to-machine/ }).check();
    await page.getByLabel('Name', { exact: true }).fill('Nightly export');
    await expect(scopesOf(page, 'Orders').getByText('Read orders').count()).resolves.toBe(1);
    await scopesOf(page, 'Orders').getByLabel('orders:read').check();
    await page.getByRole('button', { name: 'Create application' }).click();
    await page.getByTestId('client-secret').waitFor();
    const clientId = (await page.getByTestId('client-id').textContent())!;
    const secret = (await page.getByTestId('client-secret').textContent())!;

    const registered = await ui.ctx.admin.get<{ scope: string }>(`/admin/v1/clients/${clientId}`);
    expect(registered.body.scope).toBe('orders:read');
    const token = await tokenFor(clientId, secret, { scope: 'orders:read', resource: orders.identifier });
    expect(token.status).toBe(200);
    expect(token.body.scope).toBe('orders:read');
    expect(decodeJwt(token.body.access_token).payload).toMatchObject({ aud: orders.identifier, scope: 'orders:read', sub: clientId });

    // The API's page lists the app, with the scopes it holds.
    await page.goto(consoleUrl(`/apis/${orders.id}`));
    const card = page.getByRole('region', { name: 'Applications that may call this API' });
    const row = card.getByRole('row', { name: /Nightly export/ });
    await row.waitFor();
    await expect(row.getByRole('link', { name: clientId }).count()).resolves.toBe(1);
    await expect(row.textContent()).resolves.toContain('orders:read');
  });

  it('lands an m2m app created without an API on its API access section, which gives it one', async () => {
    const { page } = ui;
    await page.goto(consoleUrl('/applications/new'));
    await page.getByRole('radio', { name: /Machine-to-machine/ }).check();
    await page.getByLabel('Name', { exact: true }).fill('Invoice sync');
    await page.getByRole('button', { name: 'Create application' }).click();
    await page.getByTestId('api-access-prompt').waitFor();
    expect(page.url()).toMatch(/\/access$/);
    const clientId = (await page.getByTestId('client-id').textContent())!;
    const secret = (await page.getByTestId('client-secret').textContent())!;
    expect((await tokenFor(clientId, secret, { resource: billing.identifier })).status).toBe(400);

    await scopesOf(page, 'Billing').getByLabel('billing:read').check();
    await page.getByRole('button', { name: 'Save API access' }).click();
    await page.getByText('API access saved.').waitFor();
    await expect(page.getByTestId('api-access-summary').textContent()).resolves.toContain(billing.identifier);

    const token = await tokenFor(clientId, secret, { scope: 'billing:read', resource: billing.identifier });
    expect(token.status).toBe(200);
    expect(decodeJwt(token.body.access_token).payload).toMatchObject({ aud: billing.identifier, scope: 'billing:read' });
    const api = await ui.ctx.admin.get<ApiView>(`/admin/v1/apis/${billing.id}`);
    expect(api.body.allowed_clients).toEqual([gatekeeper.client_id, clientId]);
  });

  it('names the scope field when the server refuses an unknown scope', async () => {
    const { page } = ui;
    await page.goto(consoleUrl('/applications/new'));
    await page.getByRole('radio', { name: /Regular web app/ }).check();
    await page.getByLabel('Name', { exact: true }).fill('Typo app');
    await page.getByLabel('Redirect URIs', { exact: true }).fill('https://typo.example.com/cb');
    await page.getByLabel('Scopes', { exact: true }).fill('openid orders:delete');
    await page.getByRole('button', { name: 'Create application' }).click();
    await page.getByText('holds orders:delete, which neither this server nor a registered API defines').first().waitFor();
    expect(page.url()).toMatch(/\/applications\/new$/);
  });
});
