import { ADMIN_PASSWORD, ADMIN_USERNAME, startTestServer, TestServer } from '../support/test-server';
import { AdminApi } from '../support/admin';
import { decodeJwt } from '../support/http';
import { BrowserSession, submitLogin } from './browser-session';
import { authorizeUrl, callbackParams, decideConsent, pkce, redeemCode, registerWebClient } from './flow';

describe('sign-in: authorization code with PKCE, happy path', () => {
  let server: TestServer;
  let admin: AdminApi;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminApi.connect(server);
  });

  afterAll(async () => {
    await server.close();
  });

  it('authorize -> login -> consent -> code -> tokens', async () => {
    const client = await registerWebClient(admin);
    const browser = new BrowserSession(server.baseUrl);
    const { verifier, challenge } = pkce();
    const start = await browser.get(authorizeUrl(client.client_id, { code_challenge: challenge, code_challenge_method: 'S256' }));
    expect(start.status).toBe(303);
    expect(start.location).toMatch(/^\/login\?return_to=/);
    const loginPage = await browser.follow(start);
    expect(loginPage.status).toBe(200);
    const afterLogin = await browser.follow(await submitLogin(browser, loginPage, ADMIN_USERNAME, ADMIN_PASSWORD));
    expect(afterLogin.status).toBe(200);
    expect(afterLogin.text).toContain('Orders &lt;web&gt; app');
    const callback = callbackParams(await browser.follow(await decideConsent(browser, afterLogin, 'allow')));
    expect(callback.get('state')).toBe('st-123');
    expect(callback.get('iss')).toBe(server.config.issuer);
    const tokens = await redeemCode(server.baseUrl, client, callback.get('code')!, verifier);
    expect(tokens.status).toBe(200);
    expect(tokens.body.refresh_token).toBeDefined();
    const idToken = decodeJwt(tokens.body.id_token!);
    expect(idToken.header.typ).toBe('JWT');
    expect(idToken.payload.aud).toBe(client.client_id);
    expect(idToken.payload.nonce).toBe('n-456');
  });
});
