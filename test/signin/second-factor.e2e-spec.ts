import { useTestServer } from '../support/server-fixture';
import { BrowserSession, decodeEntities, hiddenField, PageResult, submitLogin } from '../support/browser-session';
import { decodeJwt } from '../support/http';
import { authorizeWithPkce, callbackParams, createPerson, redeemCode, registerWebClient, RegisteredClient } from '../support/sign-in';
import { RFC6238_SHA1_VECTOR, totpCode } from '../support/totp';

/**
 * Authenticator-app codes (RFC 6238) and recovery codes through the browser pages: enrollment when an
 * application asks for `mfa` and the person has no factor, the second step after a password, step-up of a
 * password-only session, codes used once, and the errors a client gets when the level cannot be met.
 */
describe('second factors: authenticator app and recovery codes', () => {
  const ctx = useTestServer();
  let client: RegisteredClient;

  beforeAll(async () => {
    client = await registerWebClient(ctx.admin, { first_party: true });
  });

  const secretOf = (page: PageResult) => decodeEntities(/<code id="totp-secret">([A-Z2-7]+)<\/code>/.exec(page.text)![1]);
  const recoveryCodesOf = (page: PageResult) => [...page.text.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((match) => match[1]);

  async function passwordStep(browser: BrowserSession, url: string, person: { username: string; password: string }): Promise<PageResult> {
    const login = await browser.follow(await browser.get(url));
    expect(login.text).toContain('action="/login"');
    return browser.follow(await submitLogin(browser, login, person.username, person.password));
  }

  async function submitCode(browser: BrowserSession, page: PageResult, code: string): Promise<PageResult> {
    return browser.post('/login/second-factor', { csrf_token: hiddenField(page.text, 'csrf_token'), return_to: hiddenField(page.text, 'return_to'), code });
  }

  /** A person who enrolled an authenticator app through an mfa request; their secret and recovery codes. */
  async function enrolledPerson(): Promise<{ person: { username: string; password: string }; secret: string; recoveryCodes: string[]; enrolledAt: number }> {
    const person = await createPerson(ctx.admin);
    const browser = new BrowserSession(ctx.server.baseUrl);
    const { url, verifier } = authorizeWithPkce(client.client_id, { acr_values: 'mfa' });
    const chooser = await passwordStep(browser, url, person);
    expect(chooser.url).toContain('/account/factors/new');
    const enroll = await browser.get(/href="([^"]*\/account\/factors\/totp\/new[^"]*)"/.exec(chooser.text)![1].replace(/&amp;/g, '&'));
    expect(enroll.status).toBe(200);
    expect(enroll.text).toMatch(/<img class="qr" src="data:image\/svg\+xml;base64,/);
    expect(decodeEntities(/<code id="totp-uri">([^<]+)<\/code>/.exec(enroll.text)![1])).toMatch(/^otpauth:\/\/totp\/.+\?.*secret=[A-Z2-7]+/);
    const secret = secretOf(enroll);
    const enrolledAt = Date.now();
    const confirmed = await browser.post('/account/factors/totp', {
      csrf_token: hiddenField(enroll.text, 'csrf_token'),
      return_to: hiddenField(enroll.text, 'return_to'),
      factor_id: hiddenField(enroll.text, 'factor_id'),
      acr: 'mfa',
      label: 'My phone',
      code: totpCode(secret, enrolledAt),
    });
    expect(confirmed.status).toBe(200);
    const recoveryCodes = recoveryCodesOf(confirmed);
    expect(recoveryCodes).toHaveLength(10);
    const done = await browser.follow(await browser.get(decodeEntities(/<a class="button" href="([^"]+)">I saved them/.exec(confirmed.text)![1])));
    const code = callbackParams(done).get('code')!;
    const tokens = await redeemCode(ctx.server.baseUrl, client, code, verifier);
    expect(tokens.status).toBe(200);
    return { person, secret, recoveryCodes, enrolledAt };
  }

  it('the test computes codes as RFC 6238 Appendix B does', () => {
    expect(totpCode(RFC6238_SHA1_VECTOR.secretBase32, RFC6238_SHA1_VECTOR.atMs)).toBe(RFC6238_SHA1_VECTOR.code);
  });

  it('takes a person without a factor through enrollment before the client gets a code', async () => {
    await enrolledPerson();
  });

  it('asks for the code after the password, refuses a wrong one and a code used before, accepts the next one', async () => {
    const { person, secret, enrolledAt } = await enrolledPerson();
    const browser = new BrowserSession(ctx.server.baseUrl);
    const { url, verifier } = authorizeWithPkce(client.client_id, { acr_values: 'mfa' });
    const challenge = await passwordStep(browser, url, person);
    expect(challenge.url).toContain('/login/second-factor');
    expect(challenge.text).toMatch(/<input id="code" name="code"/);

    const wrong = await submitCode(browser, challenge, totpCode(secret, enrolledAt, 5));
    expect(wrong.status).toBe(401);
    // The enrollment code, used once already: refused inside its window.
    const replayed = await submitCode(browser, wrong, totpCode(secret, enrolledAt));
    expect(replayed.status).toBe(401);

    const next = await browser.follow(await submitCode(browser, replayed, totpCode(secret, enrolledAt, 1)));
    const code = callbackParams(next).get('code')!;
    const tokens = await redeemCode(ctx.server.baseUrl, client, code, verifier);
    expect(tokens.status).toBe(200);
    const claims = decodeJwt(tokens.body.id_token!).payload;
    expect(claims.acr).toBe('mfa');
    expect(claims.amr).toEqual(expect.arrayContaining(['pwd', 'otp', 'mfa']));
    expect(typeof claims.auth_time).toBe('number');
  });

  it('a recovery code works once', async () => {
    const { person, recoveryCodes } = await enrolledPerson();
    const first = new BrowserSession(ctx.server.baseUrl);
    const firstRequest = authorizeWithPkce(client.client_id, { acr_values: 'mfa' });
    const challenge = await passwordStep(first, firstRequest.url, person);
    const done = await first.follow(await submitCode(first, challenge, recoveryCodes[3].toUpperCase()));
    expect(callbackParams(done).get('code')).toBeTruthy();

    const second = new BrowserSession(ctx.server.baseUrl);
    const again = await passwordStep(second, authorizeWithPkce(client.client_id, { acr_values: 'mfa' }).url, person);
    expect((await submitCode(second, again, recoveryCodes[3])).status).toBe(401);
  });

  it('steps up a password-only session with the second factor alone', async () => {
    const { person, secret, enrolledAt } = await enrolledPerson();
    const browser = new BrowserSession(ctx.server.baseUrl);
    // Signed in with the password for an app that asks for nothing more.
    const plain = await passwordStep(browser, authorizeWithPkce(client.client_id).url, person);
    const plainCode = callbackParams(plain).get('code');
    expect(plainCode).toBeTruthy();

    const { url, verifier } = authorizeWithPkce(client.client_id, { acr_values: 'mfa' });
    const stepUp = await browser.follow(await browser.get(url));
    expect(stepUp.url).toContain('/login/second-factor');
    expect(stepUp.text).not.toContain('name="password"');
    const done = await browser.follow(await submitCode(browser, stepUp, totpCode(secret, enrolledAt, 1)));
    const tokens = await redeemCode(ctx.server.baseUrl, client, callbackParams(done).get('code')!, verifier);
    expect(decodeJwt(tokens.body.id_token!).payload.acr).toBe('mfa');

    // The session remembers its level: the next mfa request needs no page at all.
    const later = await browser.get(authorizeWithPkce(client.client_id, { acr_values: 'mfa' }).url);
    expect(callbackParams(later).get('code')).toBeTruthy();
  });

  it('prompt=none with a session below the level answers login_required, never a weaker code', async () => {
    const { person } = await enrolledPerson();
    const browser = new BrowserSession(ctx.server.baseUrl);
    callbackParams(await passwordStep(browser, authorizeWithPkce(client.client_id).url, person));
    const answer = callbackParams(await browser.get(authorizeWithPkce(client.client_id, { acr_values: 'mfa', prompt: 'none' }).url));
    expect(answer.get('error')).toBe('login_required');
    expect(answer.get('code')).toBeNull();
  });

  it('acr_values naming only levels we do not offer answer unmet_authentication_requirements', async () => {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const answer = callbackParams(await browser.get(authorizeWithPkce(client.client_id, { acr_values: 'urn:example:loa:4' }).url));
    expect(answer.get('error')).toBe('unmet_authentication_requirements');
    expect(answer.get('state')).toBe('st-123');
  });

  it('a person who cannot enroll may cancel: the client gets unmet_authentication_requirements', async () => {
    const person = await createPerson(ctx.admin);
    const browser = new BrowserSession(ctx.server.baseUrl);
    const chooser = await passwordStep(browser, authorizeWithPkce(client.client_id, { acr_values: 'phr' }).url, person);
    expect(chooser.text).not.toContain('authenticator app');
    const cancel = decodeEntities(/<a href="([^"]+)">Cancel sign-in<\/a>/.exec(chooser.text)![1]);
    expect(callbackParams(await browser.get(cancel)).get('error')).toBe('unmet_authentication_requirements');
  });

  it('stops guessing after a few wrong codes', async () => {
    const { person } = await enrolledPerson();
    const browser = new BrowserSession(ctx.server.baseUrl);
    let page = await passwordStep(browser, authorizeWithPkce(client.client_id, { acr_values: 'mfa' }).url, person);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      page = await submitCode(browser, page, '000000');
      statuses.push(page.status);
    }
    expect(statuses.slice(0, 5).every((status) => status === 401)).toBe(true);
    expect(statuses[5]).toBe(429);
  });
});
