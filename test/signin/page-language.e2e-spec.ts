import { BrowserSession, hiddenField, PageResult, submitLogin } from '../support/browser-session';
import { enrollTotp } from '../support/factor-fixtures';
import { basicAuth, postForm } from '../support/http';
import { useTestServer } from '../support/server-fixture';
import { authorizeUrl, authorizeWithPkce, CALLBACK, createPerson, pkce, registerWebClient, RegisteredClient } from '../support/sign-in';

const GERMAN = { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' };

/**
 * The sign-in pages speak the person's language: Accept-Language, or the ui_locales of the authorization
 * request (OIDC Core §3.1.2.1), pushed ones included (RFC 9126); English when neither names one we have.
 */
describe('the sign-in pages in German', () => {
  const ctx = useTestServer();
  let client: RegisteredClient;

  beforeAll(async () => {
    client = await registerWebClient(ctx.admin, { first_party: true });
  });

  async function loginPage(browser: BrowserSession, params: Record<string, string> = {}): Promise<PageResult> {
    const page = await browser.follow(await browser.get(authorizeWithPkce(client.client_id, params).url));
    expect(page.status).toBe(200);
    return page;
  }

  it('shows the login page in German for Accept-Language: de, and in English without it', async () => {
    const german = await loginPage(new BrowserSession(ctx.server.baseUrl, GERMAN));
    expect(german.text).toContain('<html lang="de">');
    expect(german.text).toContain('<h1>Anmelden</h1>');
    expect(german.text).toContain('<label for="username">Benutzername</label>');
    expect(german.text).toContain('<title>Anmelden</title>');
    const english = await loginPage(new BrowserSession(ctx.server.baseUrl));
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).toContain('<h1>Sign in</h1>');
  });

  it('shows a failed sign-in and the second-factor page in German', async () => {
    const person = await createPerson(ctx.admin);
    await enrollTotp(ctx.server.app, person);
    const browser = new BrowserSession(ctx.server.baseUrl, GERMAN);
    const login = await loginPage(browser, { acr_values: 'mfa' });
    const refused = await submitLogin(browser, login, person.username, 'not the password');
    expect(refused.status).toBe(401);
    expect(refused.text).toContain('Benutzername oder Passwort ist falsch');

    const secondFactor = await browser.follow(await submitLogin(browser, refused, person.username, person.password));
    expect(secondFactor.url).toContain('/login/second-factor');
    expect(secondFactor.text).toContain('<html lang="de">');
    expect(secondFactor.text).toContain('<h1>Bestätigen Sie, dass Sie es sind</h1>');
    expect(secondFactor.text).toContain('<label for="code">Code aus Ihrer Authenticator-App</label>');
    expect(secondFactor.text).toContain('>Anmeldung abbrechen</a>');

    const wrong = await browser.post('/login/second-factor', {
      csrf_token: hiddenField(secondFactor.text, 'csrf_token'),
      return_to: hiddenField(secondFactor.text, 'return_to'),
      code: '000000',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Dieser Code ist ungültig.');
  });

  it('shows the pages that add a factor in German', async () => {
    const person = await createPerson(ctx.admin);
    const browser = new BrowserSession(ctx.server.baseUrl, GERMAN);
    const chooser = await browser.follow(await submitLogin(browser, await loginPage(browser, { acr_values: 'mfa' }), person.username, person.password));
    expect(chooser.url).toContain('/account/factors/new');
    expect(chooser.text).toContain('<h1>Anmeldemethode hinzufügen</h1>');
    expect(chooser.text).toContain('Diese Anwendung erfordert bei der Anmeldung einen zweiten Schritt.');
    const totp = await browser.get(/href="([^"]*\/account\/factors\/totp\/new[^"]*)"/.exec(chooser.text)![1].replace(/&amp;/g, '&'));
    expect(totp.status).toBe(200);
    expect(totp.text).toContain('<h1>Authenticator-App einrichten</h1>');
    expect(totp.text).toContain('alt="QR-Code für Ihre Authenticator-App"');
    const passkey = await browser.get(/href="([^"]*\/account\/factors\/passkey\/new[^"]*)"/.exec(chooser.text)![1].replace(/&amp;/g, '&'));
    expect(passkey.text).toContain('<h1>Passkey hinzufügen</h1>');
    expect(passkey.text).toContain('data-failed-message="Der Passkey wurde nicht verwendet.');
  });

  it('shows the error page of an unknown application in German, its code unchanged', async () => {
    const browser = new BrowserSession(ctx.server.baseUrl, GERMAN);
    const page = await browser.get(authorizeUrl('no-such-client', { code_challenge: pkce().challenge, code_challenge_method: 'S256' }));
    expect(page.status).toBe(400);
    expect(page.text).toContain('<html lang="de">');
    expect(page.text).toContain('<h1>Unbekannte Anwendung</h1>');
    expect(page.text).toContain('Die Anwendung, die Sie hierher geschickt hat, ist nicht registriert.');
    expect(page.text).toContain('Fehlercode: <code>invalid_request</code>');
  });

  it('ui_locales=en wins over a German Accept-Language, and the choice is kept for the pages that follow', async () => {
    const browser = new BrowserSession(ctx.server.baseUrl, GERMAN);
    const english = await loginPage(browser, { ui_locales: 'en' });
    expect(english.text).toContain('<h1>Sign in</h1>');
    const expired = await browser.post('/login', { csrf_token: 'forged', return_to: hiddenField(english.text, 'return_to'), username: 'x', password: 'y' });
    expect(expired.status).toBe(403);
    expect(expired.text).toContain('The sign-in form expired; please try again');
  });

  it('RFC 9126: a pushed request with ui_locales=de shows its login page in German', async () => {
    const confidential = await registerWebClient(ctx.admin, { first_party: true });
    const { challenge } = pkce();
    const pushed = await postForm<{ request_uri: string }>(
      `${ctx.server.baseUrl}/oauth2/par`,
      { response_type: 'code', redirect_uri: CALLBACK, scope: 'openid', state: 's', code_challenge: challenge, code_challenge_method: 'S256', ui_locales: 'de' },
      { authorization: basicAuth(confidential.client_id, confidential.client_secret!) },
    );
    expect(pushed.status).toBe(201);
    const browser = new BrowserSession(ctx.server.baseUrl);
    const login = await browser.follow(await browser.get(`/oauth2/authorize?${new URLSearchParams({ client_id: confidential.client_id, request_uri: pushed.body.request_uri })}`));
    expect(login.status).toBe(200);
    expect(login.text).toContain('<html lang="de">');
    expect(login.text).toContain('<button type="submit">Anmelden</button>');
  });
});
