import { BrowserSession, formAction, hiddenField, PageResult, submitLogin } from '../support/browser-session';
import { enterCode, registerDeviceClient, startOk } from '../support/device';
import { useTestServer } from '../support/server-fixture';
import { authorizeWithPkce, callbackParams, createPerson, decideConsent, registerWebClient, RegisteredClient, signInToApp } from '../support/sign-in';

const GERMAN = { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' };
const SIGNED_OUT = 'https://app.example.com/signed-out';

/**
 * The pages after sign-in speak the person's language too: consent, device verification and sign-out,
 * chosen from the authorization request's ui_locales (OIDC Core §3.1.2.1), then Accept-Language.
 */
describe('the consent, device and sign-out pages in German', () => {
  const ctx = useTestServer();
  let client: RegisteredClient;

  beforeAll(async () => {
    const api = await ctx.admin.send('POST', '/admin/v1/apis', {
      identifier: 'https://orders.page-language-flow.test',
      name: 'Orders',
      scopes: [{ name: 'orders:read', description: 'See your orders' }],
    });
    expect(api.status).toBe(201);
    client = await registerWebClient(ctx.admin, { client_name: 'Orders web' });
  });

  /** Signs a new person in from the authorize URL and returns the consent page that follows. */
  async function consentPage(browser: BrowserSession, params: Record<string, string> = {}): Promise<PageResult> {
    const person = await createPerson(ctx.admin, { name: 'Ada Lovelace' });
    const login = await browser.follow(await browser.get(authorizeWithPkce(client.client_id, { scope: 'openid profile email offline_access orders:read', prompt: 'consent', ...params }).url));
    const consent = await browser.follow(await submitLogin(browser, login, person.username, person.password));
    expect(consent.status).toBe(200);
    expect(formAction(consent.text)).toBe('/oauth2/consent');
    return consent;
  }

  function expectGermanConsent(page: PageResult): void {
    expect(page.text).toContain('<html lang="de">');
    expect(page.text).toContain('<title>Zugriff erlauben?</title>');
    expect(page.text).toContain('<h1>Zugriff erlauben?</h1>');
    expect(page.text).toContain('<p><strong>Orders web</strong> möchte:</p>');
    expect(page.text).toContain('<li>Wissen, wer Sie sind (Ihre Kontokennung) <code>openid</code></li>');
    expect(page.text).toContain('<li>Ihren Namen und Benutzernamen sehen <code>profile</code></li>');
    expect(page.text).toContain('<li>Ihre E-Mail-Adresse sehen <code>email</code></li>');
    expect(page.text).toContain('<code>offline_access</code>');
    // An API's scope keeps the words its administrator registered.
    expect(page.text).toContain('<li>See your orders <code>orders:read</code></li>');
    expect(page.text).toContain('value="allow">Erlauben</button>');
    expect(page.text).toContain('value="deny" class="secondary">Ablehnen</button>');
    expect(page.text).toContain('<button type="submit" class="link">Nicht Sie?</button>');
    expect(page.text).toContain('Angemeldet als <strong>Ada Lovelace</strong>');
    expect(page.text).toContain('<section class="client" aria-label="Anwendung">');
  }

  it('shows the consent page in German for Accept-Language: de', async () => {
    const browser = new BrowserSession(ctx.server.baseUrl, GERMAN);
    const consent = await consentPage(browser);
    expectGermanConsent(consent);
    const expired = await browser.post('/oauth2/consent', { request: hiddenField(consent.text, 'request'), csrf_token: 'forged', decision: 'allow' });
    expect(expired.status).toBe(403);
    expect(expired.text).toContain('<h1>Formular abgelaufen</h1>');
    expect(expired.text).toContain('Das Zustimmungsformular ist abgelaufen');
    const callback = await browser.follow(await decideConsent(browser, consent, 'allow'));
    expect(callbackParams(callback).get('code')).toBeTruthy();
  });

  it('shows the consent and sign-out pages in German for ui_locales=de in an English browser', async () => {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const consent = await consentPage(browser, { ui_locales: 'de' });
    expectGermanConsent(consent);
    await browser.follow(await decideConsent(browser, consent, 'allow'));

    // The authorization request's language is kept for the browser session, so sign-out is German too.
    const confirm = await browser.get(`/oauth2/logout?client_id=${client.client_id}`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('<html lang="de">');
    expect(confirm.text).toContain('<h1>Abmelden?</h1>');
    expect(confirm.text).toContain('Möchten Sie sich von diesem Server abmelden? <strong>Orders web</strong> bittet Sie, sich abzumelden.');
    expect(confirm.text).toContain('<button type="submit">Abmelden</button>');
    const done = await browser.post('/oauth2/logout/confirm', { csrf_token: hiddenField(confirm.text, 'csrf_token'), client_id: client.client_id });
    expect(done.status).toBe(200);
    expect(done.text).toContain('<title>Abgemeldet</title>');
    expect(done.text).toContain('<p role="status">Sie sind abgemeldet. Sie können dieses Fenster schließen.</p>');
  });

  it('ui_locales=en over a German browser gives the English consent page', async () => {
    const consent = await consentPage(new BrowserSession(ctx.server.baseUrl, GERMAN), { ui_locales: 'en' });
    expect(consent.text).toContain('<html lang="en">');
    expect(consent.text).toContain('<h1>Allow access?</h1>');
    expect(consent.text).toContain('<p><strong>Orders web</strong> asks to:</p>');
    expect(consent.text).toContain('<li>See your name and username <code>profile</code></li>');
    expect(consent.text).toContain('<button type="submit" class="link">Not you?</button>');
  });

  it('RP-Initiated Logout 1.0 §2: ui_locales posted to the end-session endpoint gives the sign-out pages in German', async () => {
    const person = await createPerson(ctx.admin);
    const browser = new BrowserSession(ctx.server.baseUrl);
    await signInToApp(browser, await registerWebClient(ctx.admin, { first_party: true }), person);
    const confirm = await browser.post('/oauth2/logout', { ui_locales: 'fr de' });
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('<h1>Abmelden?</h1>');
    const done = await browser.post('/oauth2/logout/confirm', { csrf_token: hiddenField(confirm.text, 'csrf_token') });
    expect(done.text).toContain('<h1>Abgemeldet</h1>');
  });

  it('shows the signed-out page of front-channel logout, and sign-out errors, in German', async () => {
    const frontChannel = await registerWebClient(ctx.admin, { first_party: true, frontchannel_logout_uri: 'https://rp.example.com/fc-logout' });
    const person = await createPerson(ctx.admin);
    const browser = new BrowserSession(ctx.server.baseUrl, GERMAN);
    const { idToken } = await signInToApp(browser, frontChannel, person);
    const page = await browser.get(`/oauth2/logout?id_token_hint=${idToken}&post_logout_redirect_uri=${encodeURIComponent(SIGNED_OUT)}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Abgemeldet</h1>');
    expect(page.text).toContain('data-continue>Weiter zur Anwendung</a>');
    expect(page.text).toContain('title="Abmeldung von einer Anwendung"');

    const refused = await browser.get(`/oauth2/logout?client_id=${frontChannel.client_id}&post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('<h1>Ungültige Abmeldeanfrage</h1>');
    expect(refused.text).toContain('Die Rücksprungadresse ist für diese Anwendung nicht registriert.');
  });

  it('shows the device pages in German: code entry, confirmation, and how it ended', async () => {
    const device = await registerDeviceClient(ctx.admin, { client_name: 'Living Room TV' });
    const person = await createPerson(ctx.admin, { name: 'Ada Lovelace' });
    const browser = new BrowserSession(ctx.server.baseUrl, GERMAN);
    const entry = await browser.get('/device');
    expect(entry.status).toBe(200);
    expect(entry.text).toContain('<html lang="de">');
    expect(entry.text).toContain('<h1>Gerät verbinden</h1>');
    expect(entry.text).toContain('<p>Geben Sie den Code ein, der auf Ihrem Gerät angezeigt wird.</p>');
    expect(entry.text).toContain('<button type="submit">Weiter</button>');
    const login = await browser.follow(await enterCode(browser, 'BCDF-GHJK'));
    await browser.follow(await submitLogin(browser, login, person.username, person.password));

    const wrong = await enterCode(browser, 'BCDF-GHJK');
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Dieser Code ist ungültig oder abgelaufen.');

    const allowed = await startOk(ctx.server, device, { scope: 'openid profile' });
    const confirm = await enterCode(browser, allowed.user_code);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('<h1>Zugriff erlauben?</h1>');
    expect(confirm.text).toContain('<strong>Living Room TV</strong> möchte von einem Gerät aus auf Ihr Konto zugreifen.');
    expect(confirm.text).toContain(`Code: <code>${allowed.user_code}</code>. Fahren Sie nur fort`);
    expect(confirm.text).toContain('<li>Ihren Namen und Benutzernamen sehen <code>profile</code></li>');
    expect(confirm.text).toContain('>Nicht Sie?</a>');
    const connected = await browser.post('/device', { csrf_token: hiddenField(confirm.text, 'csrf_token'), user_code: allowed.user_code, decision: 'allow' });
    expect(connected.status).toBe(200);
    expect(connected.text).toContain('<h1>Gerät verbunden</h1>');

    const denied = await startOk(ctx.server, device, { scope: 'openid' });
    const second = await enterCode(browser, denied.user_code);
    const refused = await browser.post('/device', { csrf_token: hiddenField(second.text, 'csrf_token'), user_code: denied.user_code, decision: 'deny' });
    expect(refused.text).toContain('<h1>Zugriff verweigert</h1>');
    expect(refused.text).toContain('Das Gerät hat keinen Zugriff auf Ihr Konto erhalten.');

    // RFC 8628 §5.1: after ten wrong codes the page says how long to wait, in the person's words.
    let throttled = wrong;
    for (let attempt = 0; attempt < 12 && throttled.status !== 429; attempt++) throttled = await enterCode(browser, 'BCDF-GHJK');
    expect(throttled.status).toBe(429);
    expect(throttled.text).toContain('<h1>Zu viele Versuche</h1>');
    expect(throttled.text).toContain('Warten Sie 15 Minuten und versuchen Sie es dann noch einmal.');
  });

  it('ui_locales=de on the device page gives German in an English browser', async () => {
    const page = await new BrowserSession(ctx.server.baseUrl).get('/device?ui_locales=de');
    expect(page.text).toContain('<html lang="de">');
    expect(page.text).toContain('<label for="user_code">Code</label>');
    expect(page.text).toContain('<h1>Gerät verbinden</h1>');
  });
});
