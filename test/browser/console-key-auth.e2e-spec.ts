import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import type { Browser, Page } from 'playwright-core';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { ensureConsoleBuilt } from '../support/console-build';
import { signInToConsole } from '../support/console-browser';
import { useTestServer } from '../support/server-fixture';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../support/test-server';

const SHOTS = resolve(__dirname, '../../test-artifacts/console-key-auth');

describeWithChromium('admin console: private_key_jwt and the JWT introspection algorithm', () => {
  beforeAll(() => ensureConsoleBuilt(), 120_000);
  const ctx = useTestServer();
  let browser: Browser;
  let page: Page;
  let app: { client_id: string };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await ctx.admin.registerClient({ client_name: 'Reports job', grant_types: ['client_credentials'], scope: 'reports:read' });
    browser = await launchChromium();
    ({ page } = await signInToConsole(browser, ctx.server.config.issuer, ADMIN_USERNAME, ADMIN_PASSWORD));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('switches an app to private_key_jwt with a JWK Set, an assertion algorithm and an introspection algorithm', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    await page.goto(`${ctx.server.config.issuer}/console/applications/${app.client_id}`);
    await page.getByLabel('Token endpoint authentication').selectOption('private_key_jwt');
    // A private key is refused next to the field.
    await page.getByLabel('Public keys (JWK Set JSON)').fill(JSON.stringify({ keys: [await exportJWK(privateKey)] }));
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/must be a public key/).waitFor();
    const jwk = { ...(await exportJWK(publicKey)), kid: 'job-1' };
    await page.getByLabel('Public keys (JWK Set JSON)').fill(JSON.stringify({ keys: [jwk] }));
    await page.getByLabel('Assertion algorithm').selectOption('ES256');
    await page.getByLabel('JWT introspection answer algorithm').selectOption(ctx.server.config.signingAlgorithm);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByText('it has no secret').waitFor();
    await page.screenshot({ path: resolve(SHOTS, '01-private-key-jwt.png'), fullPage: true });
    const saved = await ctx.admin.get(`/admin/v1/clients/${app.client_id}`);
    expect(saved.body).toMatchObject({
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [jwk] },
      token_endpoint_auth_signing_alg: 'ES256',
      introspection_signed_response_alg: ctx.server.config.signingAlgorithm,
    });
  });
});
