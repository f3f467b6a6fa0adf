import { DataSource } from 'typeorm';
import { AdminApi } from '../support/admin';
import { BrowserSession, hiddenField, submitLogin } from '../support/browser-session';
import { Mailbox, ReceivedMail } from '../support/mailbox';
import { createPerson } from '../support/sign-in';
import { startTestServer, TestServer } from '../support/test-server';

const MAIL_FROM = 'Meridian <noreply@auth.example.com>';

function verificationLinkIn(mail: ReceivedMail): string {
  const match = /https?:\/\/\S+\/account\/email\/confirm\?token=[A-Za-z0-9_-]+/.exec(mail.text);
  if (!match) throw new Error(`no verification link in mail:\n${mail.text}`);
  return match[0];
}

/** E-mail verification by a mailed link, against a real SMTP server in this process. */
describe('e-mail verification', () => {
  let mailbox: Mailbox;
  let server: TestServer;
  let admin: AdminApi;
  const database = () => server.app.get(DataSource);

  beforeAll(async () => {
    mailbox = await Mailbox.start();
    server = await startTestServer({ SMTP_URL: mailbox.url, MAIL_FROM });
    admin = await AdminApi.connect(server);
  });

  afterAll(async () => {
    await server?.close();
    await mailbox?.close();
  });

  async function signedInAccount(person: { username: string; password: string }) {
    const browser = new BrowserSession(server.baseUrl);
    const login = await browser.get(`/login?${new URLSearchParams({ return_to: '/account' })}`);
    expect((await submitLogin(browser, login, person.username, person.password)).status).toBe(303);
    return browser;
  }

  async function askForLink(browser: BrowserSession): Promise<string | null> {
    const account = await browser.get('/account');
    expect(account.status).toBe(200);
    const answer = await browser.post('/account/email/verify', { csrf_token: hiddenField(account.text, 'csrf_token') });
    expect(answer.status).toBe(303);
    return new URL(answer.headers.get('location')!, server.baseUrl).searchParams.get('done');
  }

  async function verifiedFlag(id: string): Promise<boolean> {
    const [row] = await database().query(`SELECT email_verified FROM users WHERE id = $1`, [id]);
    return row.email_verified;
  }

  it('sends a link from the account page that verifies the address once, in any browser', async () => {
    const person = await createPerson(admin, { email_verified: false });
    const address = `${person.username}@example.com`;
    const browser = await signedInAccount(person);
    expect((await browser.get('/account')).text).toContain('Send a verification link');

    expect(await askForLink(browser)).toBe('verification-sent');
    const link = verificationLinkIn(await mailbox.waitFor(address));
    const url = new URL(link);
    const elsewhere = new BrowserSession(server.baseUrl);
    const opened = await elsewhere.get(`${url.pathname}${url.search}`);
    expect(opened.status).toBe(200);
    expect(opened.text).toContain('Your e-mail address is verified');
    expect(await verifiedFlag(person.id)).toBe(true);
    expect((await admin.send<{ email_verified: boolean }>('GET', `/admin/v1/users/${person.id}`)).body.email_verified).toBe(true);
    expect((await browser.get('/account')).text).not.toContain('Send a verification link');

    const again = await elsewhere.get(`${url.pathname}${url.search}`);
    expect(again.status).toBe(400);
    expect(again.text).toContain('This link cannot be used');
  });

  it('makes a changed address unverified, and a link sent to the old address verifies nothing', async () => {
    const person = await createPerson(admin, { email_verified: false });
    const browser = await signedInAccount(person);
    expect(await askForLink(browser)).toBe('verification-sent');
    const link = new URL(verificationLinkIn(await mailbox.waitFor(`${person.username}@example.com`)));

    // Verified by the administrator, then changed without saying it is verified: no longer verified.
    expect((await admin.send('PATCH', `/admin/v1/users/${person.id}`, { email_verified: true })).status).toBe(200);
    expect((await admin.send('PATCH', `/admin/v1/users/${person.id}`, { email: `new-${person.username}@example.com` })).status).toBe(200);
    expect(await verifiedFlag(person.id)).toBe(false);
    // The same address in another case is the same address.
    expect((await admin.send('PATCH', `/admin/v1/users/${person.id}`, { email_verified: true })).status).toBe(200);
    expect((await admin.send('PATCH', `/admin/v1/users/${person.id}`, { email: `NEW-${person.username}@example.com` })).status).toBe(200);
    expect(await verifiedFlag(person.id)).toBe(true);
    expect((await admin.send('PATCH', `/admin/v1/users/${person.id}`, { email: `newer-${person.username}@example.com` })).status).toBe(200);

    const opened = await new BrowserSession(server.baseUrl).get(`${link.pathname}${link.search}`);
    expect(opened.status).toBe(400);
    expect(await verifiedFlag(person.id)).toBe(false);
  });

  it(`sends at most 3 links an hour to one person`, async () => {
    const person = await createPerson(admin, { email_verified: false });
    const address = `${person.username}@example.com`;
    const browser = await signedInAccount(person);
    for (let i = 1; i <= 3; i++) expect(await askForLink(browser)).toBe('verification-sent');
    await mailbox.waitFor(address, 3);
    expect(await askForLink(browser)).toBe('verification-throttled');
    expect((await browser.get('/account?done=verification-throttled')).text).toContain('several links within the hour');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailbox.to(address)).toHaveLength(3);
  });

  it('refuses a link that was never issued, and a form from another page', async () => {
    expect((await new BrowserSession(server.baseUrl).get('/account/email/confirm?token=nope')).status).toBe(400);
    expect((await new BrowserSession(server.baseUrl).get(`/account/email/confirm?token=${'a'.repeat(43)}`)).status).toBe(400);
    const person = await createPerson(admin, { email_verified: false });
    const browser = await signedInAccount(person);
    expect((await browser.post('/account/email/verify', { csrf_token: 'forged' })).status).toBe(403);
  });
});
