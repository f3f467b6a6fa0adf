import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { AdminApi } from '../support/admin';
import { BrowserSession, hiddenField } from '../support/browser-session';
import { describeWithChromium, launchChromium } from '../support/chromium';
import { decodeJwt } from '../support/http';
import { createPerson, pkce, redeemCode, RegisteredClient } from '../support/sign-in';
import { freePort, startTestServer, TestServer } from '../support/test-server';
import { assertion } from '../support/webauthn-assertion';

interface VirtualCredential {
  credentialId: string;
  privateKey: string;
  signCount: number;
  userHandle?: string;
}

/**
 * Passkeys end to end in Chromium, with the DevTools virtual authenticator (a platform authenticator that
 * keeps discoverable credentials and verifies the user): enrollment, passwordless sign-in, step-up of a
 * password session; then assertions made wrong on purpose with the credential's own key.
 */
describeWithChromium('passkeys in Chromium with a virtual authenticator', () => {
  let server: TestServer;
  let admin: AdminApi;
  let issuer: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cdp: CDPSession;
  let authenticatorId: string;
  let client: RegisteredClient;
  let app: Server;
  let callback: string;
  let person: { id: string; username: string; password: string };

  beforeAll(async () => {
    // WebAuthn needs a host name, not an IP address: the issuer is http://localhost:<port>.
    const port = await freePort();
    issuer = `http://localhost:${port}`;
    server = await startTestServer({ PORT: String(port), ISSUER: issuer });
    admin = await AdminApi.connect(server);
    // A native app with a loopback callback (RFC 8252 §7.3) that this test serves itself.
    app = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<title>client</title>'));
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    callback = `http://127.0.0.1:${(app.address() as AddressInfo).port}/callback`;
    client = await admin.registerClient({
      client_name: 'Passkey test app', application_type: 'native', redirect_uris: ['http://127.0.0.1/callback'],
      grant_types: ['authorization_code'], token_endpoint_auth_method: 'none', scope: 'openid profile', first_party: true,
    });
    person = await createPerson(admin);
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
    cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => app?.close(resolve));
  });

  async function credential(): Promise<VirtualCredential> {
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    const [found] = credentials;
    return { credentialId: Buffer.from(found.credentialId, 'base64').toString('base64url'), privateKey: found.privateKey, signCount: found.signCount, userHandle: found.userHandle && Buffer.from(found.userHandle, 'base64').toString('base64url') };
  }

  /** Starts an authorization request in the page; the code and verifier once the browser is back at the client. */
  async function startAuthorization(params: Record<string, string> = {}): Promise<{ verifier: string; done: () => Promise<string> }> {
    const { verifier, challenge } = pkce();
    const query = new URLSearchParams({ response_type: 'code', client_id: client.client_id, redirect_uri: callback, scope: 'openid profile', state: 's', code_challenge: challenge, code_challenge_method: 'S256', ...params });
    // Only until the answer starts: the autofill may already sign in while the login page loads.
    await page.goto(`${issuer}/oauth2/authorize?${query}`, { waitUntil: 'commit' });
    return {
      verifier,
      done: async () => {
        await page.waitForURL(`${callback}**`);
        const code = new URL(page.url()).searchParams.get('code');
        if (!code) throw new Error(`no code: ${page.url()}`);
        return code;
      },
    };
  }

  async function idTokenClaims(code: string, verifier: string): Promise<Record<string, unknown>> {
    const tokens = await redeemCode(server.baseUrl, client, code, verifier, callback);
    expect(tokens.status).toBe(200);
    return decodeJwt(tokens.body.id_token!).payload;
  }

  /**
   * With presence simulated, the virtual authenticator also answers the login page's autofill request
   * (conditional mediation) at once, as a person picking their passkey from the list would.
   */
  async function simulatePresence(enabled: boolean): Promise<void> {
    await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled });
  }

  async function signInWithPassword(): Promise<void> {
    await page.getByLabel('Username').fill(person.username);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }

  it('enrolls a passkey right after a password sign-in, and shows the recovery codes once', async () => {
    await page.goto(`${issuer}/login?return_to=${encodeURIComponent('/account/factors/passkey/new')}`);
    await signInWithPassword();
    await page.getByRole('heading', { name: 'Add a passkey' }).waitFor();
    expect(await page.locator('button[data-passkey-start]').isEnabled()).toBe(true);
    await page.getByRole('button', { name: 'Create a passkey' }).click();
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    expect(await page.locator('ul.recovery-codes li').count()).toBe(10);
    const factors = await admin.send<{ items: Array<{ type: string }> }>('GET', `/admin/v1/users/${person.id}/factors`);
    if (factors.status === 200) expect(factors.body.items.map((factor) => factor.type)).toEqual(['passkey']);
    expect((await credential()).userHandle).toBeTruthy();
  }, 60_000);

  it('offers the passkey in the login page autofill (conditional mediation): the ID token says phr', async () => {
    await context.clearCookies();
    await simulatePresence(false);
    await startAuthorization();
    expect(await page.locator('#username').getAttribute('autocomplete')).toBe('username webauthn');
    // Away from that page before presence is simulated, so its pending autofill request can never sign in
    // alongside the fresh request's page below.
    await page.goto('about:blank');
    // The person picks the passkey the username field offers as the login page loads.
    await simulatePresence(true);
    const { verifier, done } = await startAuthorization();
    const claims = await idTokenClaims(await done(), verifier);
    expect(claims.sub).toBe(person.id);
    expect(claims.acr).toBe('phr');
    expect(claims.amr).toEqual(expect.arrayContaining(['hwk', 'mfa']));
    expect(claims.amr).not.toContain('pwd');
  }, 60_000);

  it('signs in with the "Sign in with a passkey" button, user verification required', async () => {
    await context.clearCookies();
    await simulatePresence(false);
    const { verifier, done } = await startAuthorization();
    await page.getByRole('link', { name: 'Sign in with a passkey' }).waitFor();
    // The passkey sign-in on a page of its own, for the same request, whose button starts the ceremony.
    const returnTo = await page.locator('input[name="return_to"]').first().inputValue();
    await page.goto(`${issuer}/login/passkey?${new URLSearchParams({ return_to: returnTo })}`);
    await simulatePresence(true);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    const claims = await idTokenClaims(await done(), verifier);
    expect(claims.acr).toBe('phr');
  }, 60_000);

  it('steps up a password session with the passkey when an application asks for mfa', async () => {
    await context.clearCookies();
    await simulatePresence(false);
    const plain = await startAuthorization();
    await signInWithPassword();
    expect((await idTokenClaims(await plain.done(), plain.verifier)).acr).toBe('pwd');

    await simulatePresence(true);
    const strong = await startAuthorization({ acr_values: 'mfa' });
    await page.getByRole('heading', { name: 'Confirm it is you' }).waitFor();
    expect(await page.getByLabel('Password').count()).toBe(0);
    await page.getByRole('button', { name: 'Use a passkey or security key' }).click();
    const claims = await idTokenClaims(await strong.done(), strong.verifier);
    expect(claims.acr).toBe('mfa');
    expect(claims.amr).toEqual(expect.arrayContaining(['pwd', 'hwk', 'mfa']));
  }, 60_000);

  describe('assertions the server must refuse', () => {
    async function attempt(change: (input: Parameters<typeof assertion>[0]) => void): Promise<number> {
      const signer = new BrowserSession(server.baseUrl);
      const login = await signer.get('/login');
      const csrf = hiddenField(login.text, 'csrf_token');
      const optionsAnswer = await signer.post('/login/passkey/options', { csrf_token: csrf });
      expect(optionsAnswer.status).toBe(200);
      const options = { body: JSON.parse(optionsAnswer.text) as { handle: string; options: { challenge: string } } };
      const stored = await credential();
      const input = { ...stored, challenge: options.body.options.challenge, origin: issuer, rpId: 'localhost', signCount: stored.signCount + 1, userVerified: true };
      change(input);
      const answer = await signer.post('/login/passkey', { csrf_token: csrf, return_to: '/', handle: options.body.handle, response: JSON.stringify(assertion(input)) });
      if (answer.status === 303) expect(signer.cookie('sid')).toBeTruthy();
      else expect(signer.cookie('sid')).toBeUndefined();
      return answer.status;
    }

    it('accepts a correct one made in the test (so the refusals below are for the stated reason)', async () => {
      expect(await attempt(() => undefined)).toBe(303);
    });

    it('refuses another origin', async () => {
      expect(await attempt((input) => { input.origin = 'http://localhost.evil.example'; })).toBe(401);
    });

    it('refuses another RP ID hash', async () => {
      expect(await attempt((input) => { input.rpId = 'evil.example'; })).toBe(401);
    });

    it('refuses a passwordless assertion without user verification', async () => {
      expect(await attempt((input) => { input.userVerified = false; })).toBe(401);
    });

    it('refuses a signature counter that went backwards, and records a possible clone', async () => {
      expect(await attempt((input) => { input.signCount = 1; })).toBe(401);
      const events = await admin.send<{ items: Array<{ action: string }> }>('GET', '/admin/v1/events?action=signin.passkey_cloned');
      expect(events.status).toBe(200);
      expect(events.body.items.length).toBeGreaterThan(0);
    });
  });
});
