import { useTestServer } from '../support/server-fixture';
import { BrowserSession, hiddenField, PageResult, submitLogin } from '../support/browser-session';
import { authorize, authorizeWithPkce, callbackParams, createPerson, decideConsent, registerWebClient, RegisteredClient } from '../support/sign-in';

type Person = { username: string; password: string };

/**
 * A pending authorization request belongs to the browser that started it, and its consent to the person
 * who gave it. Its id travels in URLs (resume, consent, login return_to), and a URL can be sent to someone
 * else: whoever continues another browser's request starts over and sees their own login and consent.
 */
describe('pending authorization requests are bound to their browser and person', () => {
  const ctx = useTestServer();
  let thirdParty: RegisteredClient;
  let attacker: Person;
  let victim: Person;

  beforeAll(async () => {
    thirdParty = await registerWebClient(ctx.admin, { client_name: 'Attacker app' });
    attacker = await createPerson(ctx.admin);
    victim = await createPerson(ctx.admin);
  });

  async function signedIn(person: Person): Promise<BrowserSession> {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const login = await browser.get('/login');
    expect((await submitLogin(browser, login, person.username, person.password)).status).toBe(303);
    return browser;
  }

  /** The attacker's browser: prompt=consent, signed in, Allow pressed, the 303 to resume not followed. */
  async function consentedButNotResumed(): Promise<{ browser: BrowserSession; resume: string; consentUrl: string }> {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const login = await browser.follow(await browser.get(authorizeWithPkce(thirdParty.client_id, { prompt: 'consent' }).url));
    const consent = await browser.follow(await submitLogin(browser, login, attacker.username, attacker.password));
    expect(consent.text).toContain('action="/oauth2/consent"');
    const consentUrl = `/oauth2/consent?request=${hiddenField(consent.text, 'request')}`;
    const allowed = await decideConsent(browser, consent, 'allow');
    expect(allowed.status).toBe(303);
    expect(allowed.location).toMatch(/\/oauth2\/authorize\/resume\?request=/);
    return { browser, resume: allowed.location!, consentUrl };
  }

  function expectConsentPageFor(page: PageResult, person: Person): void {
    expect(page.status).toBe(200);
    expect(page.location).toBeUndefined();
    expect(page.text).toContain('action="/oauth2/consent"');
    expect(page.text).toContain(person.username);
  }

  it('a signed-in victim who opens the attacker\'s resume link sees their own consent page, not a code', async () => {
    const { resume } = await consentedButNotResumed();
    const victimBrowser = await signedIn(victim);
    const page = await victimBrowser.follow(await victimBrowser.get(resume));
    expectConsentPageFor(page, victim);
    // The victim's consent page is for a request of the victim's own, not the attacker's.
    expect(hiddenField(page.text, 'request')).not.toBe(new URL(resume, ctx.server.baseUrl).searchParams.get('request'));
  });

  it('a victim who is not signed in is sent to sign in and then to their own consent page', async () => {
    const { resume } = await consentedButNotResumed();
    const victimBrowser = new BrowserSession(ctx.server.baseUrl);
    const login = await victimBrowser.follow(await victimBrowser.get(resume));
    expect(login.text).toContain('action="/login"');
    expectConsentPageFor(await victimBrowser.follow(await submitLogin(victimBrowser, login, victim.username, victim.password)), victim);
  });

  it('the attacker\'s consent page opened in the victim\'s browser starts over with the victim\'s own request', async () => {
    const { consentUrl } = await consentedButNotResumed();
    const victimBrowser = await signedIn(victim);
    const page = await victimBrowser.follow(await victimBrowser.get(consentUrl));
    expectConsentPageFor(page, victim);
    expect(`/oauth2/consent?request=${hiddenField(page.text, 'request')}`).not.toBe(consentUrl);
  });

  it('a consent given on the request counts only for the person who gave it, even in the same browser', async () => {
    const { browser, resume } = await consentedButNotResumed();
    // Someone else signs in on the attacker's browser before the request is resumed.
    const login = await browser.get(`/login?return_to=${encodeURIComponent(resume)}`);
    const page = await browser.follow(await submitLogin(browser, login, victim.username, victim.password));
    expectConsentPageFor(page, victim);
  });

  it('the browser that started the request still finishes it with the consent it gave', async () => {
    const { browser, resume } = await consentedButNotResumed();
    const params = callbackParams(await browser.follow(await browser.get(resume)));
    expect(params.get('code')).toBeTruthy();
    expect(params.get('state')).toBe('st-123');
  });

  it('a victim who allows their own, restarted request gets a code for themselves', async () => {
    const { resume } = await consentedButNotResumed();
    const victimBrowser = await signedIn(victim);
    const result = await authorize(victimBrowser, resume);
    expect(callbackParams(result).get('code')).toBeTruthy();
  });
});
