import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { ensureConsoleBuilt } from '../support/console-build';
import { basicAuth, postForm, request } from '../support/http';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../support/test-server';
import { useTestServer } from '../support/server-fixture';

const ROOT = resolve(__dirname, '../..');
const SHOTS = resolve(ROOT, 'test-artifacts/console');
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

describeWithChromium('admin console', () => {
  // The server looks for the console build when it starts, so the build comes first.
  beforeAll(() => ensureConsoleBuilt(), 120_000);
  const ctx = useTestServer();
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let issuer: string;
  let discovery: Record<string, unknown>;

  const nav = (name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name });
  const shot = (name: string) => page.screenshot({ path: resolve(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    issuer = ctx.server.config.issuer;
    discovery = (await request(`${ctx.server.baseUrl}/.well-known/openid-configuration`)).body;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  describe('serving', () => {
    it('serves the console under /console with a strict CSP of its own', async () => {
      const response = await request(`${ctx.server.baseUrl}/console/`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.text).toContain('<div id="root"></div>');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    });

    it('answers deep links with index.html and missing assets with 404', async () => {
      const deep = await request(`${ctx.server.baseUrl}/console/applications/some-client/quick-start`);
      expect(deep.status).toBe(200);
      expect(deep.text).toContain('<div id="root"></div>');
      const asset = /src="(\/console\/assets\/[^"]+\.js)"/.exec(deep.text)?.[1];
      expect(asset).toBeDefined();
      const script = await request(`${ctx.server.baseUrl}${asset}`);
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toContain('javascript');
      expect(script.headers.get('cache-control')).toContain('immutable');
      expect((await request(`${ctx.server.baseUrl}/console/assets/missing.js`)).status).toBe(404);
      expect((await request(`${ctx.server.baseUrl}/console/..%2f..%2fpackage.json`)).text).not.toContain('"dependencies"');
      const bare = await request(`${ctx.server.baseUrl}/console`);
      expect(bare.status).toBe(301);
      expect(bare.headers.get('location')).toBe('/console/');
    });

    it('leaves the CSP of other pages alone', async () => {
      const device = await request(`${ctx.server.baseUrl}/oauth2/authorize`);
      expect(device.headers.get('content-security-policy') ?? '').toContain("default-src 'none'");
      expect(device.headers.get('content-security-policy') ?? '').not.toContain('script-src');
    });
  });

  describe('bootstrap client', () => {
    it('registers the console as a first-party public client bound to this issuer', async () => {
      const response = await ctx.admin.get<Record<string, unknown>>('/admin/v1/clients/admin-console');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        client_id: 'admin-console',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        redirect_uris: [`${issuer}/console/callback`],
        post_logout_redirect_uris: [`${issuer}/console/`],
        scope: 'openid profile email roles admin',
        first_party: true,
        require_pkce: true,
      });
      expect(response.body.client_secret).toBeUndefined();
    });
  });

  describe('in the browser', () => {
    let spaClientId: string;
    let adminId: string;

    /** A browser of its own (no SSO session) signing in on the login page. */
    async function freshSignIn(url: string, username: string, password: string): Promise<{ other: BrowserContext; otherPage: Page }> {
      const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const otherPage = await other.newPage();
      await otherPage.goto(url);
      await otherPage.waitForURL(/\/login\?/);
      await otherPage.getByLabel('Username').fill(username);
      await otherPage.getByLabel('Password').fill(password);
      await otherPage.getByRole('button', { name: 'Sign in' }).click();
      return { other, otherPage };
    }

    it('publishes every sign-in endpoint the console needs in discovery', () => {
      expect(discovery).toMatchObject({
        authorization_endpoint: `${issuer}/oauth2/authorize`,
        token_endpoint: `${issuer}/oauth2/token`,
        userinfo_endpoint: expect.any(String),
        end_session_endpoint: expect.any(String),
        device_authorization_endpoint: expect.any(String),
      });
    });

    it('signs the bootstrap admin in through the login page', async () => {
      await page.goto(`${issuer}/console/`);
      await page.waitForURL(/\/login\?/);
      await shot('01-login');
      await page.getByLabel('Username').fill(ADMIN_USERNAME);
      await page.getByLabel('Password').fill(ADMIN_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${issuer}/console/applications`);
      await page.getByRole('heading', { name: 'Applications' }).waitFor();
      // The name shown comes from userinfo (profile scope), roles included: no stand-in anywhere.
      await page.locator('.who').getByText(ADMIN_USERNAME).waitFor();
      await shot('02-applications');
      // Tokens live in memory only.
      expect(await page.evaluate(() => Object.keys(window.localStorage))).toEqual([]);
    });

    it('shows validation errors next to the field, then creates a single-page app', async () => {
      await page.getByRole('link', { name: 'Create application' }).click();
      await page.getByRole('radio', { name: /Single-page app/ }).check();
      await page.getByLabel('Name', { exact: true }).fill('Orders SPA');
      await page.getByLabel('Redirect URIs', { exact: true }).fill('http://orders.example.com/callback');
      await page.getByRole('button', { name: 'Create application' }).click();
      const fieldError = page.locator('.field.has-error').filter({ hasText: 'Redirect URIs' }).locator('.field-error');
      await expect(fieldError.textContent()).resolves.toContain('https');
      await shot('03-create-validation');

      await page.getByLabel('Redirect URIs', { exact: true }).fill('https://orders.example.com/callback');
      await page.getByRole('button', { name: 'Create application' }).click();
      await page.getByRole('heading', { name: 'Orders SPA' }).waitFor();
      spaClientId = (await page.getByTestId('client-id').textContent())!;
      const created = await ctx.admin.get<Record<string, unknown>>(`/admin/v1/clients/${spaClientId}`);
      expect(created.body).toMatchObject({
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        require_pkce: true,
        redirect_uris: ['https://orders.example.com/callback'],
      });
      await shot('04-spa-settings');
      await page.getByRole('link', { name: 'Quick start' }).click();
      await page.getByText('oidc-client-ts').first().waitFor();
      await expect(page.locator('.settings').textContent()).resolves.toContain(String(discovery.token_endpoint));
      await shot('05-spa-quick-start');
    });

    it('signs in to the new application with PKCE in a second page, through the flow playground', async () => {
      await nav('Playground').click();
      await page.getByLabel('Application').selectOption(spaClientId);
      await page.getByRole('button', { name: 'Add it to this application' }).click();
      await page.getByRole('button', { name: 'Add it to this application' }).waitFor({ state: 'detached' });
      await expect(page.getByLabel('Redirect URI').inputValue()).resolves.toBe(`${issuer}/console/playground/callback`);
      await page.getByLabel('Scope').fill('openid profile');
      await page.getByRole('button', { name: 'Generate PKCE and the authorization URL' }).click();
      const verifier = (await page.getByTestId('code-verifier').textContent())!;
      const challenge = (await page.getByTestId('code-challenge').textContent())!;
      expect(verifier).toMatch(/^[\w-]{43}$/);
      expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
      const authorizationUrl = new URL((await page.getByTestId('authorization-url').textContent())!.replace(/\n/g, ''));
      expect(Object.fromEntries(authorizationUrl.searchParams)).toMatchObject({
        client_id: spaClientId,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        response_type: 'code',
        redirect_uri: `${issuer}/console/playground/callback`,
      });
      expect(authorizationUrl.searchParams.has('code_verifier')).toBe(false);
      await shot('11-playground-pkce');

      const [second] = await Promise.all([context.waitForEvent('page'), page.getByRole('link', { name: 'Open in a new tab' }).click()]);
      // The application is not first-party: the person is asked to consent in the second page.
      await second.getByRole('button', { name: 'Allow' }).click();
      await second.getByRole('heading', { name: 'Sent back to the playground' }).waitFor();
      await second.close();

      await page.getByTestId('authorization-code').waitFor();
      await page.getByRole('button', { name: 'Exchange code for tokens' }).click();
      await page.getByTestId('decoded-id_token').waitFor();
      const response = (await page.getByTestId('exchange-response').textContent())!;
      expect(response).toContain('"token_type": "Bearer"');
      const claims = await page.getByTestId('decoded-id_token').textContent();
      expect(claims).toContain(`"aud": "${spaClientId}"`);
      expect(claims).toContain(`"iss": "${issuer}"`);
      await shot('12-playground-tokens');
      // The verifier never left memory: nothing is left behind in the browser's storage.
      expect(await page.evaluate(() => [Object.keys(window.localStorage), Object.keys(window.sessionStorage)])).toEqual([[], []]);
    });

    it('RFC 9470 round trip in the playground: an API asks for mfa, and the flow starts again with acr_values and max_age', async () => {
      await page.getByRole('heading', { name: 'Call an API with the access token' }).waitFor();
      // The console may only connect to its own origin: an API elsewhere is called with curl, its challenge pasted back.
      await page.getByLabel('API URL').fill('http://127.0.0.1:9/orders/1/refund');
      await page.getByRole('button', { name: 'Call the API' }).click();
      await page
        .getByLabel('WWW-Authenticate header')
        .fill('Bearer realm="orders", error="insufficient_user_authentication", error_description="A stronger authentication is required", acr_values="mfa", max_age="900"');
      await page.getByTestId('step-up').waitFor();
      await shot('13-playground-step-up');
      await page.getByRole('button', { name: 'Sign in again with acr_values=mfa and max_age=900' }).click();
      const again = new URL((await page.getByTestId('authorization-url').textContent())!.replace(/\n/g, ''));
      expect(again.searchParams.get('acr_values')).toBe('mfa');
      expect(again.searchParams.get('max_age')).toBe('900');
      await expect(page.getByLabel('acr_values').inputValue()).resolves.toBe('mfa');
    });

    it('sets an application\'s required sign-in strength (default_acr_values)', async () => {
      await nav('Applications').click();
      await page.getByRole('link', { name: 'Orders SPA' }).click();
      await page.getByRole('checkbox', { name: 'Two factors (mfa)' }).check();
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('Saved.').waitFor();
      expect((await ctx.admin.get(`/admin/v1/clients/${spaClientId}`)).body.default_acr_values).toEqual(['mfa']);
      await page.getByRole('checkbox', { name: 'Two factors (mfa)' }).uncheck();
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('Saved.').waitFor();
      expect((await ctx.admin.get(`/admin/v1/clients/${spaClientId}`)).body.default_acr_values).toEqual([]);
    });

    it('rotates the secret of a confidential app, shows it once, and the playground gets a token with it', async () => {
      // No API scope: an API defining one would show in the API list the next test expects empty at first.
      const service = await ctx.admin.registerClient({ client_name: 'Billing service', grant_types: ['client_credentials'] });
      await nav('Applications').click();
      await page.getByLabel('Search applications').fill('Billing');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('link', { name: 'Billing service' }).click();
      await page.getByRole('button', { name: 'Rotate secret' }).click();
      await page.getByRole('button', { name: 'Rotate now' }).click();
      const secret = (await page.getByTestId('client-secret').textContent())!;
      expect(secret).not.toBe(service.client_secret);
      await shot('06-secret-rotated');
      const token = (secretValue: string) =>
        postForm(`${ctx.server.baseUrl}/oauth2/token`, { grant_type: 'client_credentials' }, { authorization: basicAuth(service.client_id, secretValue) });
      expect((await token(secret)).status).toBe(200);
      expect((await token(service.client_secret!)).status).toBe(401);
      await page.getByRole('button', { name: 'I have stored it' }).click();
      await expect(page.getByTestId('client-secret').count()).resolves.toBe(0);

      await nav('Playground').click();
      await page.getByLabel('Application').selectOption(service.client_id);
      await page.getByLabel('Client secret').fill(secret);
      await page.getByRole('button', { name: 'Request a token' }).click();
      await page.getByTestId('decoded-access_token').waitFor();
      await expect(page.getByTestId('decoded-access_token').textContent()).resolves.toContain(`"client_id": "${service.client_id}"`);
      // The request is shown with the secret masked.
      await expect(page.locator('.exchange').first().textContent()).resolves.not.toContain(secret);
      await shot('13-playground-client-credentials');
    });

    it('lists and rotates signing keys', async () => {
      await nav('Signing keys').click();
      await page.getByRole('heading', { name: 'Signing keys' }).waitFor();
      await page.locator('table.list tbody tr').first().waitFor();
      const before = await page.locator('table.list tbody tr').count();
      await page.getByRole('button', { name: 'Rotate signing key' }).click();
      await page.getByRole('button', { name: 'Rotate now' }).click();
      await page.getByText(/New active key/).waitFor();
      await page.locator('table.list tbody tr').nth(before).waitFor();
      // One active key signs tokens; the other is the RS256 key kept for ID tokens.
      const active = page.locator('table.list tbody tr').filter({ has: page.locator('.status.active') });
      await expect(active.count()).resolves.toBe(2);
      await expect(active.filter({ hasText: 'ES256' }).filter({ hasText: 'Access and ID tokens' }).count()).resolves.toBe(1);
      await expect(active.filter({ hasText: 'RS256' }).count()).resolves.toBe(1);
      await shot('07-keys');
    });

    it('adds a person, disables them, and their sign-in is refused', async () => {
      await nav('People').click();
      await page.getByRole('button', { name: 'Add person' }).click();
      const form = page.getByRole('form', { name: 'Add person' });
      await form.getByLabel('Username').fill('dana');
      await form.getByLabel('Initial password').fill('a long enough password 42');
      await form.getByLabel('Name', { exact: true }).fill('Dana Scully');
      await form.getByLabel('Roles').fill('support');
      await form.getByRole('button', { name: 'Add person' }).click();
      await page.getByRole('heading', { name: 'Dana Scully' }).waitFor();
      await page.getByRole('button', { name: 'Disable' }).click();
      await page.getByRole('group').getByRole('button', { name: 'Disable' }).click();
      await page.getByText('Disabled.').waitFor();
      await shot('08-person');
      const listed = await ctx.admin.get<{ items: { username: string; disabled: boolean; roles: string[] }[] }>('/admin/v1/users?search=dana');
      expect(listed.body.items).toEqual([expect.objectContaining({ username: 'dana', disabled: true, roles: ['support'] })]);

      const { other, otherPage } = await freshSignIn(`${issuer}/login?return_to=/`, 'dana', 'a long enough password 42');
      await otherPage.getByText('Invalid username or password').waitFor();
      expect(new URL(otherPage.url()).pathname).toBe('/login');
      await otherPage.screenshot({ path: resolve(SHOTS, '14-disabled-sign-in-refused.png') });
      await other.close();
    });

    it('registers an API with scopes, edits it, rotates its secret and deletes it', async () => {
      await nav('APIs').click();
      await page.getByRole('button', { name: 'Register API' }).click();
      const form = page.getByRole('form', { name: 'Register API' });
      await form.getByLabel('Identifier').fill('https://orders.example.com');
      await form.getByLabel('Name', { exact: true }).fill('Orders API');
      await form.getByLabel('Scope 1 name').fill('orders:read');
      await form.getByLabel('Scope 1 description').fill('Read orders');
      await form.getByRole('button', { name: 'Add scope' }).click();
      await form.getByLabel('Scope 2 name').fill('orders:write');
      await form.getByRole('button', { name: 'Register API' }).click();
      await page.getByRole('heading', { name: 'Orders API' }).waitFor();
      const firstSecret = (await page.getByTestId('client-secret').textContent())!;
      const apiClientId = (await page.getByTestId('api-client-id').textContent())!;
      await shot('15-api-created');
      await page.getByRole('button', { name: 'I have stored it' }).click();

      await page.getByLabel('Name', { exact: true }).fill('Orders API v2');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByRole('heading', { name: 'Orders API v2' }).waitFor();
      await page.getByRole('button', { name: 'Rotate secret' }).click();
      await page.getByRole('button', { name: 'Rotate now' }).click();
      const secondSecret = (await page.getByTestId('client-secret').textContent())!;
      expect(secondSecret).not.toBe(firstSecret);
      const introspect = (secret: string) => postForm(`${ctx.server.baseUrl}/oauth2/introspect`, { token: 'x' }, { authorization: basicAuth(apiClientId, secret) });
      expect((await introspect(secondSecret)).status).toBe(200);
      expect((await introspect(firstSecret)).status).toBe(401);

      await nav('APIs').click();
      await page.getByRole('link', { name: 'Orders API v2' }).waitFor();
      await shot('16-apis');
      const listed = await ctx.admin.get<{ items: { name: string; scopes: { name: string }[] }[] }>('/admin/v1/apis');
      expect(listed.body.items).toEqual([expect.objectContaining({ name: 'Orders API v2', scopes: [expect.objectContaining({ name: 'orders:read' }), expect.objectContaining({ name: 'orders:write' })] })]);
      await page.getByRole('link', { name: 'Orders API v2' }).click();
      await page.getByRole('button', { name: 'Delete API' }).click();
      await page.getByRole('button', { name: 'Delete permanently' }).click();
      await page.getByText('No APIs yet.').waitFor();
    });

    it('lists pending device sign-ins and denies one', async () => {
      const device = await ctx.admin.registerClient({ client_name: 'TV app', token_endpoint_auth_method: 'none', grant_types: [DEVICE_GRANT], scope: 'openid' });
      const started = await postForm<{ device_code: string }>(`${ctx.server.baseUrl}/oauth2/device_authorization`, { client_id: device.client_id, scope: 'openid' });
      expect(started.status).toBe(200);
      await nav('Devices').click();
      await page.getByRole('cell', { name: device.client_id }).waitFor();
      await shot('17-devices');
      await page.getByRole('button', { name: 'Deny', exact: true }).click();
      await page.getByRole('button', { name: 'Deny request' }).click();
      await page.getByText(`Denied the request of ${device.client_id}.`).waitFor();
      await page.getByText('No device is waiting.').waitFor();
      const poll = await postForm(`${ctx.server.baseUrl}/oauth2/token`, { grant_type: DEVICE_GRANT, device_code: started.body.device_code, client_id: device.client_id });
      expect(poll.body.error).toBe('access_denied');
    });

    it('reads the audit log: the changes and sign-ins above, with who and from where', async () => {
      await nav('Audit log').click();
      await page.locator('table.events tbody tr').first().waitFor();
      await shot('18-audit-log');
      const rows = page.locator('table.events tbody tr');
      await rows.filter({ hasText: 'client.created' }).filter({ hasText: spaClientId }).first().waitFor();
      await rows.filter({ hasText: 'client.secret_rotated' }).first().waitFor();
      await rows.filter({ hasText: 'device_authorization.denied' }).first().waitFor();
      await rows.filter({ hasText: 'key.rotated' }).first().waitFor();

      await page.getByLabel('Action').selectOption('signin.*');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await rows.filter({ hasText: 'signin.failed' }).filter({ hasText: 'dana' }).filter({ hasText: 'disabled' }).waitFor();
      const succeeded = rows.filter({ hasText: 'signin.succeeded' }).filter({ hasText: ADMIN_USERNAME });
      await succeeded.first().waitFor();
      await expect(succeeded.first().textContent()).resolves.toMatch(/127\.0\.0\.1|::1/);
      expect(await rows.filter({ hasNotText: /signin\./ }).count()).toBe(0);
      await shot('19-audit-log-sign-ins');

      const text = (await page.locator('main').textContent())!;
      expect(text).not.toContain('a long enough password 42');
      expect(text).not.toContain(ADMIN_PASSWORD);
      const changes = await ctx.admin.get<{ items: { actor_type: string; actor_id: string; action: string }[] }>(`/admin/v1/events?target_id=${spaClientId}`);
      adminId = changes.body.items.find((event) => event.action === 'client.created')!.actor_id;
      expect(changes.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'client.created', actor_type: 'person' }), expect.objectContaining({ action: 'client.updated', actor_type: 'person', actor_id: adminId })]));
    });

    it('fits a phone screen', async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      for (const [section, name] of [['Applications', '10-phone-applications'], ['Audit log', '20-phone-audit-log'], ['Playground', '21-phone-playground']] as const) {
        await nav(section).click();
        await page.getByRole('heading', { level: 1 }).waitFor();
        if (section !== 'Playground') await page.locator('table.list tbody tr').first().waitFor();
        else await page.getByLabel('Application').selectOption(spaClientId);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await shot(name);
      }
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    it('shows a person without the admin role a "not an administrator" page', async () => {
      const created = await ctx.admin.send('POST', '/admin/v1/users', { username: 'fox', password: 'another long password 7', name: 'Fox Mulder', roles: ['support'] });
      expect(created.status).toBe(201);
      const { other, otherPage } = await freshSignIn(`${issuer}/console/`, 'fox', 'another long password 7');
      await otherPage.getByRole('heading', { name: 'You are not an administrator' }).waitFor();
      await expect(otherPage.locator('body').textContent()).resolves.toContain('support');
      await otherPage.screenshot({ path: resolve(SHOTS, '22-not-an-administrator.png') });
      await expect(otherPage.getByRole('navigation', { name: 'Sections' }).count()).resolves.toBe(0);
      await other.close();
    });

    it('signs out through the end-session endpoint', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      // The SSO session is gone: coming back to the console asks for the password again.
      await page.waitForURL(/\/login\?/);
      await shot('09-signed-out');
    });
  });
});
