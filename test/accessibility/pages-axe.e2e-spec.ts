import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AdminApi } from '../support/admin';
import { AxeFinding, axeReport } from '../support/axe';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { registerDeviceClient, startOk } from '../support/device';
import { enrollTotp } from '../support/factor-fixtures';
import { Mailbox, resetLinkIn } from '../support/mailbox';
import { authorizeWithPkce, CALLBACK, createPerson, registerWebClient } from '../support/sign-in';
import { startTestServer, TestServer } from '../support/test-server';
import { totpCode } from '../support/totp';

type Report = { page: string; findings: AxeFinding[] };

const LOGO = 'https://cdn.acme.example/logo.png';
/** A 1×1 PNG, served in place of the logo so the test needs no network. */
const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** A logo and a light primary colour, the hardest one for contrast. */
const BRANDING = { organization_name: 'Acme Corp', logo_uri: LOGO, primary_color: '#ffd400' };

/**
 * Every page a person can see, scanned by axe-core in Chromium as it is reached through its real flow:
 * WCAG 2.2 A and AA, and axe's best practices. One report per page, so a failure names the page. Run in
 * the built-in look and with a branding set.
 */
const scanEveryPage = (branding?: typeof BRANDING) => () => {
  let mailbox: Mailbox;
  let server: TestServer;
  let admin: AdminApi;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mailbox = await Mailbox.start();
    server = await startTestServer({ SMTP_URL: mailbox.url, MAIL_FROM: 'noreply@auth.example.com' });
    admin = await AdminApi.connect(server);
    if (branding) expect((await admin.send('PUT', '/admin/v1/branding', branding)).status).toBe(200);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
    await mailbox?.close();
  });

  async function newPage(): Promise<Page> {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    await page.route(LOGO, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL }));
    await page.route(`${CALLBACK}**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>App</title>' }));
    return page;
  }

  const url = (path: string) => `${server.baseUrl}${path}`;

  it('sign-in, consent, the account pages and sign-out', async () => {
    const client = await registerWebClient(admin, { client_name: 'Orders web', policy_uri: 'https://orders.example/privacy', tos_uri: 'https://orders.example/terms' });
    const person = await createPerson(admin, { name: 'Ada Lovelace' });
    const page = await newPage();
    const reports: Report[] = [];

    await page.goto(url(authorizeWithPkce(client.client_id, { scope: 'openid profile offline_access' }).url));
    await page.waitForURL(/\/login\?/);
    reports.push(await axeReport(page, 'sign-in'));
    await page.getByLabel('Username').fill(person.username);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').waitFor();
    reports.push(await axeReport(page, 'sign-in, refused'));
    const passkeyPage = await page.getByRole('link', { name: /passkey/i }).getAttribute('href');
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Allow access?' }).waitFor();
    reports.push(await axeReport(page, 'consent'));
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(`${CALLBACK}?**`);

    await page.goto(url(passkeyPage!));
    reports.push(await axeReport(page, 'sign-in with a passkey'));
    for (const path of ['/account', '/account/password', '/account/factors', '/account/factors/totp/new', '/account/sessions', '/account/apps', '/account/recovery-codes']) {
      await page.goto(url(path));
      reports.push(await axeReport(page, path));
    }
    await page.goto(url('/account/password'));
    await page.getByRole('button', { name: /change/i }).click();
    reports.push(await axeReport(page, '/account/password, refused'));

    await page.goto(url('/oauth2/logout'));
    reports.push(await axeReport(page, 'sign-out, asked'));
    await page.getByRole('button', { name: /sign out/i }).click();
    await page.waitForLoadState();
    reports.push(await axeReport(page, 'sign-out, done'));
    expect(reports).toEqual(reports.map(({ page: name }) => ({ page: name, findings: [] })));
  }, 180_000);

  it('the second-factor page, and its refusal', async () => {
    const client = await registerWebClient(admin, { client_name: 'Billing', first_party: true });
    const person = await createPerson(admin);
    const { secret } = await enrollTotp(server.app, person);
    const page = await newPage();
    const reports: Report[] = [];

    await page.goto(url(authorizeWithPkce(client.client_id, { acr_values: 'mfa' }).url));
    await page.getByLabel('Username').fill(person.username);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(/\/login\/second-factor/);
    reports.push(await axeReport(page, 'second factor'));
    const code = page.getByRole('textbox').first();
    await code.fill(totpCode(secret) === '000000' ? '111111' : '000000');
    await code.press('Enter');
    await page.getByRole('alert').waitFor();
    reports.push(await axeReport(page, 'second factor, refused'));

    // Someone with no second factor yet, asked for one: the enrollment page.
    const newcomer = await createPerson(admin);
    const other = await newPage();
    await other.goto(url(authorizeWithPkce(client.client_id, { acr_values: 'mfa' }).url));
    await other.getByLabel('Username').fill(newcomer.username);
    await other.getByLabel('Password').fill(newcomer.password);
    await other.getByRole('button', { name: 'Sign in', exact: true }).click();
    await other.waitForURL((address) => !/\/login\?/.test(address.toString()));
    reports.push(await axeReport(other, `second factor enrollment (${new URL(other.url()).pathname})`));
    expect(reports).toEqual(reports.map(({ page: name }) => ({ page: name, findings: [] })));
  }, 120_000);

  it('the device pages', async () => {
    const client = await registerDeviceClient(admin, { client_name: 'Living Room TV' });
    const person = await createPerson(admin);
    const started = await startOk(server, client, { scope: 'openid' });
    const page = await newPage();
    const reports: Report[] = [];

    await page.goto(url('/device'));
    reports.push(await axeReport(page, 'device code entry'));
    await page.getByLabel('Code').fill('WRONG-CODE');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForLoadState();
    reports.push(await axeReport(page, 'device code entry, refused'));
    await page.goto(started.verification_uri_complete ?? started.verification_uri);
    if (!/\/login\?/.test(page.url())) await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/login\?/);
    await page.getByLabel('Username').fill(person.username);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(/\/device\?user_code=/);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Allow access?' }).waitFor();
    reports.push(await axeReport(page, 'device approval'));
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForLoadState();
    reports.push(await axeReport(page, 'device done'));
    expect(reports).toEqual(reports.map(({ page: name }) => ({ page: name, findings: [] })));
  }, 120_000);

  it('the password reset pages, and an error page', async () => {
    await admin.send('POST', '/admin/v1/users', { username: 'forgetful', password: 'the forgotten password', email: 'forgetful@example.com', email_verified: true });
    const page = await newPage();
    const reports: Report[] = [];

    await page.goto(url('/login/forgot'));
    reports.push(await axeReport(page, 'forgot password'));
    await page.getByLabel('E-mail address').fill('forgetful@example.com');
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByText('If an account exists for that address').waitFor();
    reports.push(await axeReport(page, 'forgot password, sent'));
    await page.goto(resetLinkIn(await mailbox.waitFor('forgetful@example.com')));
    reports.push(await axeReport(page, 'new password'));
    await page.getByLabel('New password', { exact: true }).fill('a remembered password');
    await page.getByLabel('New password again').fill('another password');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByRole('alert').waitFor();
    reports.push(await axeReport(page, 'new password, refused'));

    await page.goto(url('/oauth2/authorize?client_id=nobody&response_type=code'));
    reports.push(await axeReport(page, 'error page'));
    await page.goto(url('/account/email/confirm?token=not-a-token'));
    reports.push(await axeReport(page, 'email verification, refused'));
    expect(reports).toEqual(reports.map(({ page: name }) => ({ page: name, findings: [] })));
  }, 120_000);
};

describeWithChromium('the person-facing pages pass an axe-core scan in Chromium', scanEveryPage());
describeWithChromium('the person-facing pages pass an axe-core scan in Chromium, branded', scanEveryPage(BRANDING));
