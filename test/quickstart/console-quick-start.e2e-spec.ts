import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillTemplate } from '../../apps/admin-console/src/pages/quick-start/fill-template';
import { EXAMPLE_FILES, type ExampleName } from '../../apps/admin-console/src/pages/quick-start/example-files';
import { describeWithChromium } from '../support/chromium';
import { useAdminConsole } from '../support/console-browser';

const ROOT = join(__dirname, '..', '..');
const ORDERS = 'https://orders.example.com';

/** The example's main file as a reader of the console should see it: these values written in. */
function exampleWith(example: ExampleName, values: Record<string, string>): string {
  const { path, style } = EXAMPLE_FILES[example];
  return fillTemplate(readFileSync(join(ROOT, path), 'utf8'), style, values);
}

/**
 * What the console's quick start shows is the very file the examples' tests run, with this application's
 * values: compared character for character against the file in examples/.
 */
describeWithChromium('console quick start: the examples with the application filled in', () => {
  const ui = useAdminConsole();
  const issuer = () => ui.ctx.server.config.issuer;

  beforeAll(async () => {
    const api = await ui.ctx.admin.send('POST', '/admin/v1/apis', { identifier: ORDERS, name: 'Orders', scopes: [{ name: 'orders:read' }], access_token_format: 'jwt' });
    if (api.status !== 201) throw new Error(`register API: ${api.status} ${api.text}`);
  });

  const shownCode = async (clientId: string, waitForNote: string): Promise<string> => {
    await ui.page.goto(`${issuer()}/console/applications/${encodeURIComponent(clientId)}/quick-start`);
    // The snippet names the API once the console has read the APIs.
    await ui.page.getByText(waitForNote).first().waitFor();
    return (await ui.page.locator('.snippet pre code').textContent()) ?? '';
  };

  it('single-page app: examples/react-spa/src/main.jsx calling the API the app has a scope of', async () => {
    const client = await ui.ctx.admin.registerClient({
      client_name: 'Quick SPA', token_endpoint_auth_method: 'none', grant_types: ['authorization_code'],
      redirect_uris: ['https://spa.example.com/'], post_logout_redirect_uris: ['https://spa.example.com/bye'], scope: 'openid profile orders:read',
    });
    expect(await shownCode(client.client_id, 'The code calls Orders')).toBe(
      exampleWith('react-spa', {
        ISSUER: issuer(), CLIENT_ID: client.client_id, REDIRECT_URI: 'https://spa.example.com/', POST_LOGOUT_REDIRECT_URI: 'https://spa.example.com/bye',
        SCOPE: 'openid profile orders:read', API_RESOURCE: ORDERS, API_URL: ORDERS,
      }),
    );
  });

  it('regular web app: examples/web-app/server.mjs, the secret left to the environment', async () => {
    const client = await ui.ctx.admin.registerClient({
      client_name: 'Quick web app', grant_types: ['authorization_code'], token_endpoint_auth_method: 'client_secret_basic',
      redirect_uris: ['https://web.example.com/callback'], post_logout_redirect_uris: ['https://web.example.com/'], scope: 'openid profile email',
    });
    const shown = await shownCode(client.client_id, 'Express and openid-client');
    expect(shown).toBe(
      exampleWith('web-app', {
        ISSUER: issuer(), CLIENT_ID: client.client_id, REDIRECT_URI: 'https://web.example.com/callback', POST_LOGOUT_REDIRECT_URI: 'https://web.example.com/', SCOPE: 'openid profile email',
      }),
    );
    expect(shown).toContain('const CLIENT_SECRET = process.env.CLIENT_SECRET;');
    expect(shown).not.toContain(String(client.client_secret));
  });

  it('machine-to-machine: examples/m2m-service/call-api.mjs with the API and its scopes only', async () => {
    const client = await ui.ctx.admin.registerClient({ client_name: 'Quick service', grant_types: ['client_credentials'], scope: 'orders:read reports:run' });
    expect(await shownCode(client.client_id, 'The code calls Orders')).toBe(
      exampleWith('m2m-service', { ISSUER: issuer(), CLIENT_ID: client.client_id, SCOPE: 'orders:read', API_RESOURCE: ORDERS, API_URL: ORDERS }),
    );
  });

  it('single-page app without an API or logout URI: placeholders, and notes that say so', async () => {
    const client = await ui.ctx.admin.registerClient({
      client_name: 'Lonely SPA', token_endpoint_auth_method: 'none', grant_types: ['authorization_code'], redirect_uris: ['https://lonely.example.com/cb'], scope: 'openid profile',
    });
    const shown = await shownCode(client.client_id, 'No API this application may call was found');
    await ui.page.getByText('This application has no logout redirect URI').waitFor();
    expect(shown).toContain("extraQueryParams: { resource: API_RESOURCE }");
    expect(shown).toContain("const API_RESOURCE = 'https://api.example.com';");
    expect(shown).toContain("post_logout_redirect_uri: 'https://lonely.example.com/',");
  });

  it('device: the examples/device-cli command for this application', async () => {
    const client = await ui.ctx.admin.registerClient({
      client_name: 'Quick CLI', grant_types: ['urn:ietf:params:oauth:grant-type:device_code'], token_endpoint_auth_method: 'none', scope: 'openid profile',
    });
    const shown = await shownCode(client.client_id, 'examples/device-cli');
    expect(shown).toContain(`ISSUER=${issuer()} CLIENT_ID=${client.client_id} node examples/device-cli/device-login.mjs --scope "openid profile"`);
  });
});
