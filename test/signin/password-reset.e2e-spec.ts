import { DataSource } from 'typeorm';
import { AdminApi } from '../support/admin';
import { BrowserSession, hiddenField, submitLogin } from '../support/browser-session';
import { Mailbox, resetLinkIn, throwawayCertificate } from '../support/mailbox';
import { ServerProcess, ensureBuilt } from '../support/server-process';
import { LogoutReceiver } from '../support/logout-receiver';
import { createPerson, registerWebClient, signInToApp } from '../support/sign-in';
import { ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, ADMIN_PASSWORD, ADMIN_USERNAME, startTestServer, TestServer } from '../support/test-server';

const MAIL_FROM = 'Meridian <noreply@auth.example.com>';
const GENERIC_ANSWER = 'If an account exists for that address, we sent a link';

/** Password reset by mail, against a real SMTP server in this process. */
describe('password reset by email', () => {
  let mailbox: Mailbox;
  let server: TestServer;
  let admin: AdminApi;
  const database = () => server.app.get(DataSource);

  beforeAll(async () => {
    mailbox = await Mailbox.start();
    server = await startTestServer({ SMTP_URL: mailbox.url, MAIL_FROM, LOGIN_MAX_FAILURES: '3' });
    admin = await AdminApi.connect(server);
  });

  afterAll(async () => {
    await server?.close();
    await mailbox?.close();
  });

  beforeEach(async () => {
    // Every request here comes from 127.0.0.1: only the test of the IP limit may reach it.
    await database().query(`DELETE FROM login_attempts WHERE key LIKE 'reset-ip:%' OR key LIKE 'ip:%'`);
  });

  async function requestReset(email: string, browser = new BrowserSession(server.baseUrl), returnTo = '/oauth2/authorize?client_id=x') {
    const form = await browser.get(`/login/forgot?${new URLSearchParams({ return_to: returnTo })}`);
    expect(form.status).toBe(200);
    return browser.post('/login/forgot', { csrf_token: hiddenField(form.text, 'csrf_token'), return_to: hiddenField(form.text, 'return_to'), email });
  }

  /** Waits until the request for `email` has been handled (its audit event is written after any mail). */
  async function handled(email: string, count = 1): Promise<string[]> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const rows: Array<{ outcome: string }> = await database().query(
        `SELECT details->>'outcome' AS outcome FROM audit_events WHERE action = 'user.password_reset_requested' AND details->>'email' = $1 ORDER BY occurred_at`,
        [email],
      );
      if (rows.length >= count) return rows.map((row) => row.outcome);
      if (Date.now() > deadline) throw new Error(`request for ${email} not handled`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function openLink(link: string, browser = new BrowserSession(server.baseUrl)) {
    const url = new URL(link);
    return { browser, page: await browser.get(`${url.pathname}${url.search}`) };
  }

  async function reset(link: string, password: string, confirmation = password) {
    const { browser, page } = await openLink(link);
    if (page.status !== 200) return page;
    return browser.post('/login/reset', {
      csrf_token: hiddenField(page.text, 'csrf_token'),
      token: hiddenField(page.text, 'token'),
      new_password: password,
      new_password_confirmation: confirmation,
    });
  }

  async function signsIn(username: string, password: string): Promise<boolean> {
    const browser = new BrowserSession(server.baseUrl);
    const result = await submitLogin(browser, await browser.get('/login?return_to=/done'), username, password);
    return result.status === 303 && browser.cookie('sid') !== undefined;
  }

  const emailOf = (person: { username: string }) => `${person.username}@example.com`;

  it('links to the reset from the login page, keeping the pending authorization request', async () => {
    const page = await new BrowserSession(server.baseUrl).get('/login?return_to=%2Foauth2%2Fauthorize%3Fclient_id%3Dx');
    expect(page.text).toContain('href="/login/forgot?return_to=%2Foauth2%2Fauthorize%3Fclient_id%3Dx">Forgot your password?</a>');
  });

  it('mails a link that sets a new password once: the new password signs in, the old one does not', async () => {
    const person = await createPerson(admin);
    const answer = await requestReset(emailOf(person));
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(GENERIC_ANSWER);
    expect(answer.headers.get('cache-control')).toBe('no-store');

    const mail = await mailbox.waitFor(emailOf(person));
    expect(mail.from).toBe('noreply@auth.example.com');
    expect(mail.subject).toBe('Reset your password');
    const link = resetLinkIn(mail);
    expect(link.startsWith(`${server.config.issuer}/login/reset?token=`)).toBe(true);
    const token = new URL(link).searchParams.get('token')!;
    // Only the hash is stored.
    const stored: Array<{ token_hash: string }> = await database().query(`SELECT token_hash FROM password_reset_tokens WHERE user_id = $1`, [person.id]);
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(token);

    const done = await reset(link, 'a brand new password');
    expect(done.status).toBe(200);
    expect(done.text).toContain('Password changed');
    // Back into the pending authorization request through the login page.
    expect(done.text).toContain('href="/login?return_to=%2Foauth2%2Fauthorize%3Fclient_id%3Dx"');
    expect(await signsIn(person.username, 'a brand new password')).toBe(true);
    expect(await signsIn(person.username, person.password)).toBe(false);

    const again = await openLink(link);
    expect(again.page.status).toBe(400);
    expect(again.page.text).toContain('This link no longer works');

    const events: Array<{ action: string; details: Record<string, unknown> }> = await database().query(
      `SELECT action, details FROM audit_events WHERE target_id = $1 AND action LIKE 'user.password_reset%' ORDER BY occurred_at`,
      [person.id],
    );
    expect(events.map((event) => event.action)).toEqual(['user.password_reset_requested', 'user.password_reset']);
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it('refuses a second use of the form, even two at once', async () => {
    const person = await createPerson(admin);
    await requestReset(emailOf(person));
    const { browser, page } = await openLink(resetLinkIn(await mailbox.waitFor(emailOf(person))));
    const fields = { csrf_token: hiddenField(page.text, 'csrf_token'), token: hiddenField(page.text, 'token'), new_password: 'first new password', new_password_confirmation: 'first new password' };
    const answers = await Promise.all([browser.post('/login/reset', fields), browser.post('/login/reset', { ...fields, new_password: 'other new password', new_password_confirmation: 'other new password' })]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400]);
    const winner = answers[0].status === 200 ? 'first new password' : 'other new password';
    expect(await signsIn(person.username, winner)).toBe(true);
  });

  it('ends the sessions, lifts a lockout and keeps the link when the new password is refused', async () => {
    const person = await createPerson(admin);
    expect(await signsIn(person.username, person.password)).toBe(true);
    for (let i = 0; i < 3; i++) await signsIn(person.username, 'wrong password!');
    expect(await signsIn(person.username, person.password)).toBe(false);
    await requestReset(emailOf(person));
    const link = resetLinkIn(await mailbox.waitFor(emailOf(person)));

    const short = await reset(link, 'short');
    expect(short.status).toBe(400);
    expect(short.text).toContain('New password: must be 8 to 256 characters.');
    const differ = await reset(link, 'one new password', 'another new password');
    expect(differ.text).toContain('The new password and its confirmation differ.');

    expect((await reset(link, 'the final password')).status).toBe(200);
    const live: unknown[] = await database().query(`SELECT 1 FROM sso_sessions WHERE user_id = $1 AND ended_at IS NULL`, [person.id]);
    expect(live).toHaveLength(0);
    expect(await signsIn(person.username, 'the final password')).toBe(true);
  });

  it('tells the apps of the ended sessions by back-channel logout', async () => {
    const receiver = await LogoutReceiver.start(server.config.issuer, `${server.baseUrl}/oauth2/jwks`);
    try {
      const client = await registerWebClient(admin, { first_party: true, scope: 'openid profile' });
      expect((await admin.send('PATCH', `/admin/v1/clients/${client.client_id}`, { backchannel_logout_uri: receiver.url(client.client_id) })).status).toBe(200);
      const person = await createPerson(admin);
      const { sid } = await signInToApp(new BrowserSession(server.baseUrl), client, person);
      await requestReset(emailOf(person));
      expect((await reset(resetLinkIn(await mailbox.waitFor(emailOf(person))), 'after the logout')).status).toBe(200);
      const [logout] = await receiver.waitFor(client.client_id, 1);
      // Recorded on arrival, verified against the JWKS just after.
      for (let tries = 0; !logout.claims && !logout.problem && tries < 200; tries++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(logout.problem).toBeUndefined();
      expect(logout.claims).toMatchObject({ sid, sub: person.id });
    } finally {
      await receiver.close();
    }
  });

  it('ends every other link of the person when one is used', async () => {
    const person = await createPerson(admin);
    await requestReset(emailOf(person));
    await requestReset(emailOf(person));
    const first = resetLinkIn(await mailbox.waitFor(emailOf(person), 1));
    const second = resetLinkIn(await mailbox.waitFor(emailOf(person), 2));
    expect(first).not.toBe(second);
    expect((await reset(second, 'from the second link')).status).toBe(200);
    expect((await openLink(first)).page.status).toBe(400);
    const unused: unknown[] = await database().query(`SELECT 1 FROM password_reset_tokens WHERE user_id = $1 AND used_at IS NULL`, [person.id]);
    expect(unused).toHaveLength(0);
  });

  it('refuses an expired link', async () => {
    const person = await createPerson(admin);
    await requestReset(emailOf(person));
    const link = resetLinkIn(await mailbox.waitFor(emailOf(person)));
    await database().query(`UPDATE password_reset_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [person.id]);
    expect((await openLink(link)).page.status).toBe(400);
    expect((await reset(link, 'too late password')).status).toBe(400);
    expect(await signsIn(person.username, person.password)).toBe(true);
  });

  it('refuses a link issued before the password changed', async () => {
    const person = await createPerson(admin);
    await requestReset(emailOf(person));
    const link = resetLinkIn(await mailbox.waitFor(emailOf(person)));
    expect((await admin.send('POST', `/admin/v1/users/${person.id}/password`, { password: 'set by the helpdesk' })).status).toBe(204);
    const page = (await openLink(link)).page;
    expect(page.status).toBe(400);
    expect(page.text).toContain('This link no longer works');
    expect(await signsIn(person.username, 'set by the helpdesk')).toBe(true);
  });

  it('answers an unknown address the same way, and sends nothing', async () => {
    const known = await createPerson(admin);
    const unknown = `nobody-${Date.now()}@example.com`;
    const [a, b] = [await requestReset(emailOf(known)), await requestReset(unknown)];
    expect(b.status).toBe(a.status);
    // The same page but for the CSRF token it does not have.
    expect(b.text).toBe(a.text);
    expect(await handled(unknown)).toEqual(['no-account']);
    expect(mailbox.to(unknown)).toHaveLength(0);
  });

  it('sends nothing to an unverified address, nor to a person whose password is an upstream directory\'s', async () => {
    const unverified = await createPerson(admin, { email_verified: false });
    const upstream = await createPerson(admin);
    const [provider] = await database().query(`INSERT INTO identity_providers (name, type, display_name, enabled) VALUES ('corp-ldap', 'ldap', 'Corp directory', false) RETURNING id`);
    await database().query(`INSERT INTO federated_identities (provider_id, subject, user_id) VALUES ($1, 'entry-uuid-1', $2)`, [provider.id, upstream.id]);
    expect((await requestReset(emailOf(unverified))).text).toContain(GENERIC_ANSWER);
    expect((await requestReset(emailOf(upstream))).text).toContain(GENERIC_ANSWER);
    expect(await handled(emailOf(unverified))).toEqual(['no-account']);
    expect(await handled(emailOf(upstream))).toEqual(['upstream-account']);
    expect(mailbox.to(emailOf(unverified))).toHaveLength(0);
    expect(mailbox.to(emailOf(upstream))).toHaveLength(0);
  });

  it('stops mail past 3 requests per address and 10 per IP an hour, with the same answer', async () => {
    const person = await createPerson(admin);
    for (let i = 0; i < 4; i++) expect((await requestReset(emailOf(person))).text).toContain(GENERIC_ANSWER);
    // Handled concurrently, after the answers: which one was counted fourth is not fixed.
    expect((await handled(emailOf(person), 4)).sort()).toEqual(['sent', 'sent', 'sent', 'throttled']);
    expect(mailbox.to(emailOf(person))).toHaveLength(3);

    await database().query(`DELETE FROM login_attempts WHERE key LIKE 'reset-ip:%'`);
    for (let i = 0; i < 10; i++) await requestReset(`filler-${i}-${Date.now()}@example.com`);
    const other = await createPerson(admin);
    expect((await requestReset(emailOf(other))).text).toContain(GENERIC_ANSWER);
    expect(await handled(emailOf(other))).toEqual(['throttled']);
    expect(mailbox.to(emailOf(other))).toHaveLength(0);
  });

  it('refuses a form not made for this browser', async () => {
    const page = await new BrowserSession(server.baseUrl).post('/login/forgot', { csrf_token: 'forged', return_to: '/', email: 'a@example.com' });
    expect(page.status).toBe(403);
    expect(page.text).toContain('The form expired');
  });
});

describe('password reset without SMTP_URL', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('shows no link on the login page, and its routes say resets are not available', async () => {
    const browser = new BrowserSession(server.baseUrl);
    expect((await browser.get('/login')).text).not.toContain('Forgot your password?');
    for (const page of [await browser.get('/login/forgot'), await browser.get('/login/reset?token=abc'), await browser.post('/login/forgot', { email: 'a@example.com' })]) {
      expect(page.status).toBe(404);
      expect(page.text).toContain('Password reset is not available');
    }
  });
});

describe('password reset with SMTP_REQUIRE_TLS and a mail server without STARTTLS', () => {
  let mailbox: Mailbox;
  let server: TestServer;

  beforeAll(async () => {
    mailbox = await Mailbox.start();
    server = await startTestServer({ SMTP_URL: mailbox.url, SMTP_REQUIRE_TLS: 'true', MAIL_FROM });
  });

  afterAll(async () => {
    await server?.close();
    await mailbox?.close();
  });

  it('sends nothing in the clear, and the person sees the same answer', async () => {
    const admin = await AdminApi.connect(server);
    const person = await createPerson(admin);
    const browser = new BrowserSession(server.baseUrl);
    const form = await browser.get('/login/forgot');
    const email = `${person.username}@example.com`;
    const answer = await browser.post('/login/forgot', { csrf_token: hiddenField(form.text, 'csrf_token'), return_to: '/', email });
    expect(answer.text).toContain(GENERIC_ANSWER);
    const deadline = Date.now() + 15_000;
    let outcome: string | undefined;
    while (!outcome && Date.now() < deadline) {
      const rows: Array<{ outcome: string }> = await server.app.get(DataSource).query(
        `SELECT details->>'outcome' AS outcome FROM audit_events WHERE action = 'user.password_reset_requested' AND details->>'email' = $1`,
        [email],
      );
      outcome = rows[0]?.outcome;
      if (!outcome) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(outcome).toBe('mail-failed');
    expect(mailbox.received).toHaveLength(0);
  });
});

describe('password reset mail over STARTTLS', () => {
  let mailbox: Mailbox;
  let process: ServerProcess | undefined;

  beforeAll(async () => {
    ensureBuilt();
    const certificate = throwawayCertificate();
    mailbox = await Mailbox.start({ tls: certificate });
    // The real server as its own process, trusting the throwaway certificate the way an operator would.
    process = await ServerProcess.start({
      NODE_EXTRA_CA_CERTS: certificate.certFile,
      SMTP_URL: `smtp://localhost:${mailbox.port}`,
      SMTP_REQUIRE_TLS: 'true',
      MAIL_FROM,
      BOOTSTRAP_ADMIN_CLIENT_ID: ADMIN_CLIENT_ID,
      BOOTSTRAP_ADMIN_CLIENT_SECRET: ADMIN_CLIENT_SECRET,
      BOOTSTRAP_ADMIN_USERNAME: ADMIN_USERNAME,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      // The delivery is what is tested here: an embedded database of its own, whatever the suite runs on.
      DATABASE_URL: '',
      DATA_DIR: ':memory:',
    }, { readyTimeoutMs: 60_000 });
  }, 180_000);

  afterAll(async () => {
    await process?.stop();
    await mailbox?.close();
  });

  it('upgrades the connection before sending the link', async () => {
    const admin = await AdminApi.connect({ baseUrl: process!.baseUrl } as TestServer);
    const person = await createPerson(admin);
    const browser = new BrowserSession(process!.baseUrl);
    const form = await browser.get('/login/forgot');
    await browser.post('/login/forgot', { csrf_token: hiddenField(form.text, 'csrf_token'), return_to: '/', email: `${person.username}@example.com` });
    const mail = await mailbox.waitFor(`${person.username}@example.com`);
    expect(mail.secure).toBe(true);
    expect(resetLinkIn(mail)).toContain('/login/reset?token=');
  });
});
