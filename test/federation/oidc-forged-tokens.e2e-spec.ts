import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { DataSource } from 'typeorm';
import { UpstreamDiscovery } from '@app/federation';
import { BrowserSession, PageResult } from '../support/browser-session';
import { FakeUpstream } from '../support/fake-upstream';
import { registerOidcProvider } from '../support/federation';
import { useTestServer } from '../support/server-fixture';

const CLIENT_ID = 'meridian-at-fake';
const SECRET = 'fake upstream client secret';

/**
 * ID tokens a real upstream never sends, from a fake upstream the test controls: each is refused per OIDC
 * Core §3.1.3.7 (or RFC 9207, or the single use of state), and no session nor account comes of it.
 */
describe('upstream ID tokens that must be refused', () => {
  const ctx = useTestServer({ KEY_ENCRYPTION_SECRET: 'federation-forged-test-secret-0123456789' });
  let fake: FakeUpstream;
  const db = () => ctx.server.app.get(DataSource);
  const count = async (sql: string) => Number((await db().query(sql))[0].n);

  beforeAll(async () => {
    fake = await FakeUpstream.start();
    await registerOidcProvider(ctx.admin, { name: 'fake', display_name: 'Fake IdP', issuer: fake.issuer, client_id: CLIENT_ID, client_secret: SECRET, groups_claim: null });
  });

  afterAll(async () => {
    await fake?.close();
  });

  // Each test sees the discovery document it sets: what the server fetched before is forgotten.
  const forgetDiscovery = () => ctx.server.app.get(UpstreamDiscovery).forget(fake.issuer);
  beforeEach(() => {
    fake.metadata = {};
    fake.userinfo = undefined;
    forgetDiscovery();
  });

  /** Starts a sign-in; answers the browser and the state and nonce we sent upstream. */
  async function begin(): Promise<{ browser: BrowserSession; state: string; nonce: string }> {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const start = await browser.get('/federation/fake/start?return_to=/');
    expect(start.status).toBe(303);
    const url = new URL(start.location!);
    return { browser, state: url.searchParams.get('state')!, nonce: url.searchParams.get('nonce')! };
  }

  /** The upstream comes back with a code whose redemption yields `idToken(nonce)`. */
  async function comeBack(idToken: (nonce: string) => Promise<string>, extra: Record<string, string> = {}): Promise<PageResult> {
    const { browser, state, nonce } = await begin();
    const token = await idToken(nonce);
    fake.tokenAnswer = () => ({ body: { access_token: 'upstream-access-token', token_type: 'Bearer', id_token: token } });
    return browser.get(`/federation/fake/callback?${new URLSearchParams({ code: 'upstream-code', state, ...extra })}`);
  }

  async function expectRefused(result: PageResult, status = 502): Promise<void> {
    expect(result.status).toBe(status);
    expect(result.headers.get('content-type')).toContain('text/html');
    expect(result.text).toContain('Fake IdP');
    expect(result.headers.getSetCookie().some((cookie) => /sid=/.test(cookie))).toBe(false);
  }

  it('accepts a well-formed token (the control case): client_secret_basic, the PKCE verifier, a session', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM users`);
    const result = await comeBack((nonce) => fake.idToken(CLIENT_ID, nonce));
    expect(result.status).toBe(303);
    expect(result.location).toBe('/');
    expect(result.headers.getSetCookie().some((cookie) => /sid=/.test(cookie))).toBe(true);
    const request = fake.tokenRequests.at(-1)!;
    expect(request.authorization).toBe(`Basic ${Buffer.from(`${CLIENT_ID}:${encodeURIComponent(SECRET)}`).toString('base64')}`);
    expect(request.body.get('code_verifier')).toMatch(/^[\w-]{43,}$/);
    expect(request.body.get('redirect_uri')).toBe(`${ctx.server.config.issuer}/federation/fake/callback`);
    expect(await count(`SELECT count(*)::int AS n FROM users`)).toBe(before + 1);
  });

  describe('OIDC Core §3.1.3.7', () => {
    const cases: Array<[string, (nonce: string) => Promise<string>]> = [
      ['wrong iss (2)', (nonce) => fake.idToken(CLIENT_ID, nonce, { iss: 'https://evil.example' })],
      ['wrong aud (3)', (nonce) => fake.idToken('another-client', nonce)],
      ['several audiences without azp (4)', (nonce) => fake.idToken(CLIENT_ID, nonce, { aud: [CLIENT_ID, 'another-client'] })],
      ['azp naming another client (5)', (nonce) => fake.idToken(CLIENT_ID, nonce, { aud: [CLIENT_ID, 'another-client'], azp: 'another-client' })],
      ['expired (9)', (nonce) => fake.idToken(CLIENT_ID, nonce, { iat: Math.floor(Date.now() / 1000) - 3600, exp: Math.floor(Date.now() / 1000) - 600 })],
      ['issued in the future (10)', (nonce) => fake.idToken(CLIENT_ID, nonce, { iat: Math.floor(Date.now() / 1000) + 3600, exp: Math.floor(Date.now() / 1000) + 7200 })],
      ['wrong nonce (11)', () => fake.idToken(CLIENT_ID, 'a-nonce-of-another-attempt')],
      ['missing nonce (11)', () => fake.idToken(CLIENT_ID, undefined)],
      ['alg none (7)', async (nonce) => new UnsecuredJWT({ iss: fake.issuer, aud: CLIENT_ID, sub: 'fake-subject-1', nonce, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 300 }).encode()],
      [
        'HS256 with the public key as the secret (7)',
        async (nonce) => {
          const secret = new TextEncoder().encode(JSON.stringify(fake.publicJwk));
          const now = Math.floor(Date.now() / 1000);
          return new SignJWT({ iss: fake.issuer, aud: CLIENT_ID, sub: 'fake-subject-1', nonce, iat: now, exp: now + 300 }).setProtectedHeader({ alg: 'HS256', kid: 'fake-1' }).sign(secret);
        },
      ],
      [
        'signed by a key not in the JWKS, under a known kid (6)',
        async (nonce) => {
          const { privateKey } = await generateKeyPair('RS256');
          return fake.idToken(CLIENT_ID, nonce, {}, privateKey, 'fake-1');
        },
      ],
      [
        'signed by a key not in the JWKS, under an unknown kid (6)',
        async (nonce) => {
          const { privateKey } = await generateKeyPair('RS256');
          return fake.idToken(CLIENT_ID, nonce, {}, privateKey, 'attacker-key');
        },
      ],
      ['without sub', (nonce) => fake.idToken(CLIENT_ID, nonce, { sub: undefined })],
    ];

    it.each(cases)('refuses an ID token: %s', async (_name, idToken) => {
      const people = await count(`SELECT count(*)::int AS n FROM users`);
      const result = await comeBack(idToken);
      await expectRefused(result);
      expect(result.text).toContain('Fake IdP sent an identity token that was not accepted');
      expect(await count(`SELECT count(*)::int AS n FROM users`)).toBe(people);
    });
  });

  it('RFC 9207: refuses an iss authorization response parameter naming another issuer', async () => {
    await expectRefused(await comeBack((nonce) => fake.idToken(CLIENT_ID, nonce), { iss: 'https://evil.example' }), 400);
  });

  it('RFC 9207: refuses a callback without iss when the upstream says it sends one', async () => {
    fake.metadata = { authorization_response_iss_parameter_supported: true };
    const result = await comeBack((nonce) => fake.idToken(CLIENT_ID, nonce, { sub: 'rfc9207-subject' }));
    await expectRefused(result, 400);
    expect(result.text).toContain('issued by someone else');
    expect(await count(`SELECT count(*)::int AS n FROM federated_identities WHERE subject = 'rfc9207-subject'`)).toBe(0);
  });

  it('accepts a callback with the right iss when the upstream says it sends one', async () => {
    fake.metadata = { authorization_response_iss_parameter_supported: true };
    const result = await comeBack((nonce) => fake.idToken(CLIENT_ID, nonce), { iss: fake.issuer });
    expect(result.status).toBe(303);
  });

  it('refuses a replayed state: each attempt completes once', async () => {
    const { browser, state, nonce } = await begin();
    const token = await fake.idToken(CLIENT_ID, nonce);
    fake.tokenAnswer = () => ({ body: { access_token: 'a', token_type: 'Bearer', id_token: token } });
    const url = `/federation/fake/callback?${new URLSearchParams({ code: 'upstream-code', state })}`;
    expect((await browser.get(url)).status).toBe(303);
    const replayed = await browser.get(url);
    await expectRefused(replayed, 400);
    expect(replayed.text).toContain('not started in this browser, or that expired or was used already');
  });

  it('refuses a state started in another browser (login CSRF), and leaves the attempt to its own browser', async () => {
    const { browser, state, nonce } = await begin();
    const token = await fake.idToken(CLIENT_ID, nonce);
    fake.tokenAnswer = () => ({ body: { access_token: 'a', token_type: 'Bearer', id_token: token } });
    const url = `/federation/fake/callback?${new URLSearchParams({ code: 'upstream-code', state })}`;
    await expectRefused(await new BrowserSession(ctx.server.baseUrl).get(url), 400);
    expect((await browser.get(url)).status).toBe(303);
  });

  it('refuses a callback without state, and one with an unknown state, before calling the upstream', async () => {
    const before = fake.tokenRequests.length;
    const browser = new BrowserSession(ctx.server.baseUrl);
    await expectRefused(await browser.get('/federation/fake/callback?code=x'), 400);
    await expectRefused(await browser.get('/federation/fake/callback?code=x&state=made-up'), 400);
    expect(fake.tokenRequests.length).toBe(before);
  });

  it('refuses userinfo about another person than the ID token', async () => {
    fake.userinfo = { sub: 'someone-else', email: 'mallory@fake.example' };
    const result = await comeBack((nonce) => fake.idToken(CLIENT_ID, nonce, { sub: 'userinfo-subject', email: undefined }));
    await expectRefused(result);
    expect(result.text).toContain('about another person');
  });

  it('refuses a discovery document for another issuer at the start, naming the provider', async () => {
    fake.metadata = { issuer: 'https://evil.example' };
    const result = await new BrowserSession(ctx.server.baseUrl).get('/federation/fake/start?return_to=/');
    await expectRefused(result);
  });

  it('shows a token endpoint error as a page naming the provider, without the upstream\'s text', async () => {
    const { browser, state } = await begin();
    fake.tokenAnswer = () => ({ status: 400, body: { error: 'invalid_grant', error_description: '<b>upstream internals</b>' } });
    const result = await browser.get(`/federation/fake/callback?${new URLSearchParams({ code: 'x', state })}`);
    await expectRefused(result);
    expect(result.text).not.toContain('upstream internals');
  });
});
