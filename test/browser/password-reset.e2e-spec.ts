import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { AdminApi } from '../support/admin';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { decodeJwt, postForm } from '../support/http';
import { Mailbox, resetLinkIn } from '../support/mailbox';
import { pkce } from '../support/sign-in';
import { startTestServer, TestServer } from '../support/test-server';

describeWithChromium('password reset by email in Chromium', () => {
  let mailbox: Mailbox;
  let server: TestServer;
  let admin: AdminApi;
  let browser: Browser;
  let app: Server;
  let appOrigin: string;

  beforeAll(async () => {
    mailbox = await Mailbox.start();
    server = await startTestServer({ SMTP_URL: mailbox.url, MAIL_FROM: 'noreply@auth.example.com' });
    admin = await AdminApi.connect(server);
    // The app's callback: a page that only says it was reached.
    app = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>App</title><p>callback</p>'));
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    appOrigin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => app?.close(resolve));
    await server?.close();
    await mailbox?.close();
  });

  it('goes from the login page to a mailed link, a new password, and back into the app signed in', async () => {
    const client = await admin.registerClient({
      client_name: 'Reset app', application_type: 'native', redirect_uris: ['http://127.0.0.1/callback'],
      grant_types: ['authorization_code'], token_endpoint_auth_method: 'none', scope: 'openid profile', first_party: true,
    });
    const person = await admin.send<{ id: string }>('POST', '/admin/v1/users', {
      username: 'forgetful', password: 'the forgotten password', email: 'forgetful@example.com', email_verified: true,
    });
    const { verifier, challenge } = pkce();
    const redirectUri = `${appOrigin}/callback`;
    const authorize = `${server.baseUrl}/oauth2/authorize?${new URLSearchParams({
      response_type: 'code', client_id: client.client_id, redirect_uri: redirectUri, scope: 'openid profile', state: 'st-1',
      code_challenge: challenge, code_challenge_method: 'S256',
    })}`;
    const page = await (await browser.newContext()).newPage();
    const blocked: string[] = [];
    page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) blocked.push(message.text()); });

    await page.goto(authorize);
    await page.waitForURL(/\/login\?/);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByLabel('E-mail address').fill('forgetful@example.com');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('If an account exists for that address, we sent a link').waitFor();

    await page.goto(resetLinkIn(await mailbox.waitFor('forgetful@example.com')));
    await page.getByLabel('New password', { exact: true }).fill('a remembered password');
    await page.getByLabel('New password again').fill('a remembered password');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByRole('heading', { name: 'Password changed' }).waitFor();

    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.getByLabel('Username').fill('forgetful');
    await page.getByLabel('Password').fill('a remembered password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`${redirectUri}?**`);

    const code = new URL(page.url()).searchParams.get('code')!;
    const tokens = await postForm<{ access_token: string }>(`${server.baseUrl}/oauth2/token`, {
      grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: client.client_id, code_verifier: verifier,
    });
    expect(tokens.status).toBe(200);
    expect(decodeJwt(tokens.body.access_token).payload).toMatchObject({ sub: person.body.id, client_id: client.client_id });
    expect(blocked).toEqual([]);
  }, 90_000);
});
