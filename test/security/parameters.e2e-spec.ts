import { useTestServer } from '../support/server-fixture';
import { basicAuth, request } from '../support/http';
import { BrowserSession, hiddenField } from '../support/browser-session';
import { registerWebClient, RegisteredClient } from '../support/sign-in';

/**
 * RFC 6749 §3.1 / §3.2 (a parameter MUST NOT be included more than once), RFC 9700 §4 hardening against
 * parser confusion: nested (`code[]=`, `code[a]=`) and repeated parameters are invalid_request on every
 * form endpoint, and bodies over BODY_LIMIT are 413 before anything is parsed.
 */
describe('RFC 6749 §3.1: oversized, nested and duplicate parameters on every form endpoint', () => {
  const ctx = useTestServer();
  let client: RegisteredClient;
  let auth: Record<string, string>;

  const OAUTH_ENDPOINTS: Array<[string, string]> = [
    ['/oauth2/token', 'grant_type=client_credentials'],
    ['/oauth2/introspect', 'token=abc'],
    ['/oauth2/revoke', 'token=abc'],
    ['/oauth2/device_authorization', 'scope=openid'],
  ];
  const PAGE_ENDPOINTS = ['/login', '/oauth2/consent', '/device', '/oauth2/logout', '/oauth2/logout/confirm', '/oauth2/authorize'];

  beforeAll(async () => {
    client = await registerWebClient(ctx.admin, { grant_types: ['client_credentials', 'authorization_code', 'urn:ietf:params:oauth:grant-type:device_code'], scope: 'openid orders:read' });
    auth = { authorization: basicAuth(client.client_id, client.client_secret!) };
  });

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    request(`${ctx.server.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });

  it('controls: the base requests are well-formed', async () => {
    expect((await post('/oauth2/token', 'grant_type=client_credentials', auth)).status).toBe(200);
    expect((await post('/oauth2/introspect', 'token=abc', auth)).body).toEqual({ active: false });
  });

  describe.each(OAUTH_ENDPOINTS)('%s', (path, base) => {
    const [name, value] = base.split('=');

    it('RFC 9700 §4: a body over BODY_LIMIT is 413', async () => {
      const response = await post(path, `${base}&pad=${'a'.repeat(70_000)}`, auth);
      expect(response.status).toBe(413);
      expect(response.text).not.toMatch(/\n\s+at /);
    });

    it.each([
      ['a repeated parameter', (b: string) => `${b}&${b}`],
      ['a repeated parameter with another value', (b: string) => `${b}&${name}=other`],
      ['a nested parameter name[]=', () => `${name}[]=${value}`],
      ['a nested parameter name[]= twice', () => `${name}[]=${value}&${name}[]=${value}`],
      ['an object parameter name[a]=', () => `${name}[a]=${value}`],
      ['the plain and the nested form together', (b: string) => `${b}&${name}[]=${value}`],
      ['a repeated client_id', (b: string) => `${b}&client_id=${client.client_id}&client_id=${client.client_id}`],
      ['a NUL character in a value', (b: string) => `${b}&state=a%00b`],
    ])('RFC 6749 §3.1: %s is invalid_request', async (_case, build) => {
      const response = await post(path, build(base), auth);
      expect({ status: response.status, error: response.body.error }).toEqual({ status: 400, error: 'invalid_request' });
    });

    it('a JSON body is refused, not parsed as parameters (RFC 6749 §3.2 form encoding only)', async () => {
      const response = await request(`${ctx.server.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ [name]: value }) });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.body.access_token).toBeUndefined();
    });
  });

  it('a NUL in the authorization request is a client error, never a 500 (found by the fuzz test)', async () => {
    for (const response of [
      await post('/oauth2/authorize', 'response_type=code&client_id=%00'),
      await request(`${ctx.server.baseUrl}/oauth2/authorize?response_type=code&client_id=a%00b`),
      await post('/oauth2/token', `grant_type=client_credentials&client_id=a%00&client_secret=x`),
    ]) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.headers.get('location')).toBeNull();
    }
  });

  it('RFC 6749 §3.1: a repeated code or code_verifier at the token endpoint is invalid_request', async () => {
    for (const body of ['grant_type=authorization_code&code=a&code=b&redirect_uri=x&code_verifier=v', 'grant_type=authorization_code&code[]=a&redirect_uri=x', 'grant_type=authorization_code&code=a&code_verifier[]=v&redirect_uri=x']) {
      const response = await post('/oauth2/token', body, auth);
      expect({ body, status: response.status, error: response.body.error }).toEqual({ body, status: 400, error: 'invalid_request' });
    }
  });

  describe('HTML form endpoints', () => {
    it.each(PAGE_ENDPOINTS)('RFC 9700 §4: %s answers 413 to a body over BODY_LIMIT', async (path) => {
      const response = await post(path, `pad=${'a'.repeat(70_000)}`);
      expect(response.status).toBe(413);
    });

    it.each(PAGE_ENDPOINTS)('RFC 6749 §3.1: %s refuses nested and repeated fields without acting on them', async (path) => {
      const browser = new BrowserSession(ctx.server.baseUrl);
      const login = await browser.get('/login');
      const csrf = hiddenField(login.text, 'csrf_token');
      const cases: Array<Record<string, string | string[]>> = [
        { csrf_token: [csrf, csrf], username: 'x', password: 'y', user_code: 'BCDF-GHJK', client_id: client.client_id },
        { 'csrf_token[]': csrf, username: 'x', password: 'y' },
        { csrf_token: csrf, 'username[]': 'x', 'password[a]': 'y', 'user_code[]': 'BCDF-GHJK', 'client_id[]': client.client_id },
        { csrf_token: csrf, client_id: [client.client_id, 'other'], response_type: 'code', redirect_uri: 'https://app.example.com/callback' },
      ];
      for (const fields of cases) {
        const response = await browser.post(path, fields);
        expect({ path, fields, status: response.status >= 400 && response.status < 500, location: response.location })
          .toEqual({ path, fields, status: true, location: undefined });
        expect(browser.cookie('sid')).toBeUndefined();
      }
    });
  });
});
