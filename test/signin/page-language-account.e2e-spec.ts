import { AdminApi } from '../support/admin';
import { BrowserSession, hiddenField, submitLogin } from '../support/browser-session';
import { enrollTotp } from '../support/factor-fixtures';
import { Mailbox, resetLinkIn } from '../support/mailbox';
import { createPerson } from '../support/sign-in';
import { startTestServer, TestServer } from '../support/test-server';

const GERMAN = { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' };
const MAIL_FROM = 'Meridian <noreply@auth.example.com>';

/**
 * The account pages, password reset and e-mail verification speak the person's language, and so do the
 * mails they send: a mail is written in the language of the page it was asked for from.
 */
describe('the account and recovery pages in German', () => {
  let mailbox: Mailbox;
  let server: TestServer;
  let admin: AdminApi;

  beforeAll(async () => {
    mailbox = await Mailbox.start();
    server = await startTestServer({ SMTP_URL: mailbox.url, MAIL_FROM });
    admin = await AdminApi.connect(server);
  });

  afterAll(async () => {
    await server?.close();
    await mailbox?.close();
  });

  async function signIn(person: { username: string; password: string }, headers: Record<string, string> = GERMAN): Promise<BrowserSession> {
    const browser = new BrowserSession(server.baseUrl, headers);
    expect((await submitLogin(browser, await browser.get('/login'), person.username, person.password)).status).toBe(303);
    return browser;
  }

  async function page(browser: BrowserSession, path: string): Promise<string> {
    const result = await browser.get(path);
    expect(result.status).toBe(200);
    expect(result.text).toContain('<html lang="de">');
    return result.text;
  }

  it('shows the overview, password, factors, recovery codes, sessions and apps pages in German', async () => {
    const person = await createPerson(admin);
    await enrollTotp(server.app, person, 'Telefon');
    const browser = await signIn(person);

    const overview = await page(browser, '/account');
    expect(overview).toContain('<title>Ihr Konto</title>');
    expect(overview).toContain('<h1>Ihr Konto</h1>');
    expect(overview).toContain('<nav class="account" aria-label="Ihr Konto">');
    expect(overview).toContain('<th scope="row">Benutzername</th>');
    expect(overview).toContain('<a href="/account/factors">Anmeldemethoden</a>: Passkeys und Authenticator-Apps');
    expect(overview).toContain('>Abmelden</a>');

    const password = await page(browser, '/account/password');
    expect(password).toContain('<h1>Passwort</h1>');
    expect(password).toContain('<label for="current_password">Aktuelles Passwort</label>');
    expect(password).toContain('<button type="submit">Passwort ändern</button>');

    const factors = await page(browser, '/account/factors');
    expect(factors).toContain('<h1>Anmeldemethoden</h1>');
    expect(factors).toContain('<th scope="col">Art</th>');
    expect(factors).toContain('<th scope="col">Aktionen</th>');
    expect(factors).toContain('<td>Authenticator-App</td>');
    expect(factors).toContain('aria-label="Telefon entfernen">Entfernen</button>');
    // A German date, in UTC and saying so, with the exact moment for machines.
    expect(factors).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[\d:.]+Z">\d{1,2}\. \S+ \d{4}, \d\d:\d\d UTC<\/time>/);

    const recovery = await page(browser, '/account/recovery-codes');
    expect(recovery).toContain('<h1>Wiederherstellungscodes</h1>');
    expect(recovery).toMatch(/Sie haben \d+ unbenutzte Wiederherstellungscodes\./);
    expect(recovery).toContain('<button type="submit">Neue Codes erzeugen</button>');

    const sessions = await page(browser, '/account/sessions');
    expect(sessions).toContain('<h1>Sitzungen</h1>');
    expect(sessions).toContain('<th scope="col">Letzte Anmeldung</th>');
    expect(sessions).toContain('<strong>Dieser Browser</strong>');
    expect(sessions).toContain('Sie sind nirgendwo sonst angemeldet.');

    const apps = await page(browser, '/account/apps');
    expect(apps).toContain('<title>Apps · Ihr Konto</title>');
    expect(apps).toContain('Sie haben keiner App erlaubt, Ihr Konto zu nutzen.');
  });

  it('refuses a mistyped confirmation in German, and confirms a change with a German notice', async () => {
    const person = await createPerson(admin);
    const browser = await signIn(person);
    const csrf = hiddenField(await page(browser, '/account/password'), 'csrf_token');
    const differ = await browser.post('/account/password', { csrf_token: csrf, current_password: person.password, new_password: 'x'.repeat(12), new_password_confirmation: 'y'.repeat(12) });
    expect(differ.status).toBe(400);
    expect(differ.text).toContain('Das neue Passwort und seine Bestätigung stimmen nicht überein.');
    const short = await browser.post('/account/password', { csrf_token: csrf, current_password: person.password, new_password: 'short', new_password_confirmation: 'short' });
    expect(short.status).toBe(400);
    expect(short.text).toMatch(/Neues Passwort: Es muss \d+ bis \d+ Zeichen lang sein\./);
    expect(await page(browser, '/account/sessions?done=session-ended')).toContain('<p class="notice" role="status">Die Sitzung wurde beendet.</p>');
  });

  it('shows the forgot-password, sent and reset pages in German, and mails the link in German', async () => {
    const person = await createPerson(admin);
    const browser = new BrowserSession(server.baseUrl, GERMAN);
    const forgot = await page(browser, '/login/forgot');
    expect(forgot).toContain('<h1>Passwort zurücksetzen</h1>');
    expect(forgot).toContain('<label for="email">E-Mail-Adresse</label>');
    expect(forgot).toContain('<button type="submit">Link senden</button>');
    expect(forgot).toContain('>Zurück zur Anmeldung</a>');

    const sent = await browser.post('/login/forgot', { csrf_token: hiddenField(forgot, 'csrf_token'), return_to: hiddenField(forgot, 'return_to'), email: `${person.username}@example.com` });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('<h1>Prüfen Sie Ihr Postfach</h1>');

    const mail = await mailbox.waitFor(`${person.username}@example.com`);
    expect(mail).toMatchObject({ subject: 'Setzen Sie Ihr Passwort zurück', language: 'de' });
    expect(mail.text).toContain('Um ein neues Passwort zu wählen, öffnen Sie diesen Link:');
    expect(mail.text).toMatch(/Der Link funktioniert einmal, \d+ Minuten lang\./);

    const link = new URL(resetLinkIn(mail));
    const reset = await page(browser, `${link.pathname}${link.search}`);
    expect(reset).toContain('<h1>Neues Passwort wählen</h1>');
    expect(reset).toContain('<button type="submit">Neues Passwort festlegen</button>');
    const done = await browser.post('/login/reset', {
      csrf_token: hiddenField(reset, 'csrf_token'),
      token: hiddenField(reset, 'token'),
      new_password: 'ein ganz neues Passwort',
      new_password_confirmation: 'ein ganz neues Passwort',
    });
    expect(done.status).toBe(200);
    expect(done.text).toContain('<h1>Passwort geändert</h1>');

    const used = await browser.get(`${link.pathname}${link.search}`);
    expect(used.status).toBe(400);
    expect(used.text).toContain('<h1>Dieser Link funktioniert nicht mehr</h1>');
  });

  it('mails the reset link in English when it was asked for from an English page', async () => {
    const person = await createPerson(admin);
    const browser = new BrowserSession(server.baseUrl, { 'accept-language': 'en-GB,en;q=0.9' });
    const forgot = await browser.get('/login/forgot');
    expect(forgot.text).toContain('<html lang="en">');
    await browser.post('/login/forgot', { csrf_token: hiddenField(forgot.text, 'csrf_token'), return_to: hiddenField(forgot.text, 'return_to'), email: `${person.username}@example.com` });
    const mail = await mailbox.waitFor(`${person.username}@example.com`);
    expect(mail).toMatchObject({ subject: 'Reset your password', language: 'en' });
    expect(mail.text).toContain('To choose a new password, open this link:');
  });

  it('sends the verification link in German and answers it in German', async () => {
    const person = await createPerson(admin, { email_verified: false });
    const address = `${person.username}@example.com`;
    const browser = await signIn(person);
    const overview = await page(browser, '/account');
    expect(overview).toContain(`${address} (nicht bestätigt)`);
    expect(overview).toContain('<button type="submit">Bestätigungslink senden</button>');

    const answer = await browser.post('/account/email/verify', { csrf_token: hiddenField(overview, 'csrf_token') });
    expect(answer.status).toBe(303);
    expect(await page(browser, answer.location!)).toContain('Wir haben einen Bestätigungslink an Ihre E-Mail-Adresse gesendet.');

    const mail = await mailbox.waitFor(address);
    expect(mail).toMatchObject({ subject: 'Bestätigen Sie Ihre E-Mail-Adresse', language: 'de' });
    expect(mail.text).toContain('Der Link funktioniert einmal, 24 Stunden lang.');
    const link = new URL(/https?:\/\/\S+\/account\/email\/confirm\?token=[A-Za-z0-9_-]+/.exec(mail.text)![0]);

    // Opened in another browser, also set to German.
    const elsewhere = new BrowserSession(server.baseUrl, GERMAN);
    const verified = await page(elsewhere, `${link.pathname}${link.search}`);
    expect(verified).toContain('<h1>Adresse bestätigt</h1>');
    expect(verified).toContain('>Zu Ihrem Konto</a>');
    const again = await elsewhere.get(`${link.pathname}${link.search}`);
    expect(again.status).toBe(400);
    expect(again.text).toContain('<title>Link nicht verwendbar</title>');
    expect(again.text).toContain('<h1>Dieser Link kann nicht verwendet werden</h1>');
  });
});
