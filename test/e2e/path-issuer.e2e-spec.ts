import { AdminApi } from '../support/admin';
import { basicAuth, decodeJwt, postForm, request } from '../support/http';
import { freePort, startTestServer, TestServer } from '../support/test-server';
import { BrowserSession, formAction, hiddenField, PageResult } from '../support/browser-session';
import { authorizeUrl, callbackParams, createPerson, pkce, registerWebClient, RegisteredClient } from '../support/sign-in';

const PREFIX = '/tenant-a';

/**
 * An issuer with a path, served natively: every route under the path, RFC 8414 metadata at the root with
 * the well-known segment first, and every browser redirect and form staying under the path.
 *
 * The test server picks its own listening port, so ISSUER may name another one; requests go to the
 * listening origin with the advertised path (`served`), which is what these tests are about.
 */
describe('ISSUER with a path', () => {
  // Not useTestServer: ISSUER names a port picked before the server starts, and the admin API is called under the issuer's path.
  let server: TestServer;
  let issuer: string;
  let origin: string;
  let admin: AdminApi;

  /** The advertised URL, on the origin the test server actually listens on. */
  const served = (advertised: string) => {
    const url = new URL(advertised);
    return `${origin}${url.pathname}${url.search}`;
  };

  beforeAll(async () => {
    const port = await freePort();
    issuer = `http://127.0.0.1:${port}${PREFIX}`;
    server = await startTestServer({ ISSUER: issuer, PORT: String(port) });
    origin = server.baseUrl;
    admin = await AdminApi.connect({ ...server, baseUrl: `${origin}${PREFIX}` });
  });

  afterAll(async () => server.close());

  async function discovery(): Promise<Record<string, string>> {
    const response = await request<Record<string, string>>(`${origin}/.well-known/oauth-authorization-server${PREFIX}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  describe('discovery', () => {
    it.each([
      ['RFC 8414 §3, well-known segment before the path', `/.well-known/oauth-authorization-server${PREFIX}`],
      ['OpenID Connect Discovery §4, well-known segment after the path', `${PREFIX}/.well-known/openid-configuration`],
      ['RFC 8414 form under the path', `${PREFIX}/.well-known/oauth-authorization-server`],
    ])('%s answers with the issuer and endpoints under its path', async (_name, path) => {
      const response = await request<Record<string, unknown>>(`${origin}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.body.issuer).toBe(issuer);
      expect(response.body.token_endpoint).toBe(`${issuer}/oauth2/token`);
      const endpoints = Object.entries(response.body).filter(([name]) => name.endsWith('_endpoint') || name === 'jwks_uri');
      expect(endpoints.length).toBeGreaterThan(5);
      for (const [, url] of endpoints) expect(url).toMatch(new RegExp(`^${issuer}/`));
    });

    it('does not serve the RFC 8414 root form for another path, nor the metadata at the bare root', async () => {
      expect((await request(`${origin}/.well-known/oauth-authorization-server/tenant-b`)).status).toBe(404);
      expect((await request(`${origin}/.well-known/oauth-authorization-server`)).status).toBe(404);
      expect((await request(`${origin}/.well-known/openid-configuration`)).status).toBe(404);
    });

    it('allows cross-origin reads of both metadata forms and of the token endpoint', async () => {
      const headers = { origin: 'https://spa.example.com' };
      for (const path of [`/.well-known/oauth-authorization-server${PREFIX}`, `${PREFIX}/.well-known/openid-configuration`]) {
        const response = await request(`${origin}${path}`, { headers });
        expect(response.headers.get('access-control-allow-origin')).toBe('*');
      }
      const preflight = await request(`${origin}${PREFIX}/oauth2/token`, { method: 'OPTIONS', headers: { ...headers, 'access-control-request-method': 'POST' } });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    });
  });

  describe('machine endpoints under the path', () => {
    let service: RegisteredClient;

    beforeAll(async () => {
      service = await admin.registerClient({ client_name: 'orders service', grant_types: ['client_credentials'], scope: 'orders:read' });
    });

    it('issues a client_credentials token at the advertised token endpoint, with the issuer as iss', async () => {
      const { token_endpoint } = await discovery();
      expect(new URL(token_endpoint).pathname).toBe(`${PREFIX}/oauth2/token`);
      const response = await postForm<{ access_token: string }>(served(token_endpoint), { grant_type: 'client_credentials' }, { authorization: basicAuth(service.client_id, service.client_secret!) });
      expect(response.status).toBe(200);
      expect(decodeJwt(response.body.access_token).payload).toMatchObject({ iss: issuer, aud: issuer, client_id: service.client_id });
    });

    it('introspects at the advertised introspection endpoint', async () => {
      const { token_endpoint, introspection_endpoint } = await discovery();
      const authorization = basicAuth(service.client_id, service.client_secret!);
      const token = await postForm<{ access_token: string }>(served(token_endpoint), { grant_type: 'client_credentials' }, { authorization });
      const response = await postForm(served(introspection_endpoint), { token: token.body.access_token }, { authorization });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ active: true, iss: issuer, client_id: service.client_id });
    });

    it('publishes the signing keys at the advertised jwks_uri', async () => {
      const { jwks_uri } = await discovery();
      const response = await request<{ keys: Array<Record<string, unknown>> }>(served(jwks_uri));
      expect(response.status).toBe(200);
      expect(response.body.keys.length).toBeGreaterThan(0);
    });

    it('keeps the health probes at the root', async () => {
      expect((await request(`${origin}/health/live`)).status).toBe(200);
      expect((await request(`${origin}/health/ready`)).status).toBe(200);
    });

    it('serves the OpenAPI document under the path', async () => {
      const response = await request<{ paths: Record<string, unknown> }>(`${origin}${PREFIX}/admin/v1/openapi.json`);
      expect(response.status).toBe(200);
      expect(Object.keys(response.body.paths).every((path) => path.startsWith(`${PREFIX}/admin/v1/`))).toBe(true);
    });

    it("links the pages' stylesheet under the path, where it is served", async () => {
      const page = await request(`${origin}${PREFIX}/device`);
      expect(page.status).toBe(200);
      const href = /<link rel="stylesheet" href="([^"]+)">/.exec(page.text)?.[1];
      expect(href).toMatch(new RegExp(`^${PREFIX}/assets/pages\\.css\\?v=`));
      const css = await request(`${origin}${href}`);
      expect(css.status).toBe(200);
      expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    });

    it('serves the console under the path, its page referring to its assets there', async () => {
      expect((await request(`${origin}${PREFIX}/console`)).headers.get('location')).toBe(`${PREFIX}/console/`);
      const page = await request(`${origin}${PREFIX}/console/`);
      // Without a console build (npm run build:console) the route still exists and says so.
      if (page.status === 404) return expect(page.text).toContain('not built');
      expect(page.status).toBe(200);
      const references = [...page.text.matchAll(/\s(?:src|href)="(\/[^"]*)"/g)].map((match) => match[1]);
      expect(references.length).toBeGreaterThan(0);
      for (const reference of references) expect(reference.startsWith(`${PREFIX}/console/`)).toBe(true);
    });

    it.each([
      ['POST', '/oauth2/token'],
      ['GET', '/oauth2/jwks'],
      ['GET', '/login'],
      ['GET', '/console/'],
    ])('answers %s %s at the root with a JSON 404', async (method, path) => {
      const response = await request(`${origin}${path}`, { method });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.body).toMatchObject({ error: 'not_found' });
    });
  });

  describe('the browser stays under the path', () => {
    /** Every redirect hop on this server, checked to stay under the path, up to a page or the client's callback. */
    async function follow(browser: BrowserSession, start: PageResult, hops: string[]): Promise<PageResult> {
      let current = start;
      while (current.location && current.status >= 300 && current.status < 400) {
        const next = new URL(current.location, current.url);
        if (next.origin !== origin) return current;
        hops.push(current.location);
        current = await browser.get(next.toString());
      }
      return current;
    }

    it('signs in with authorization code + PKCE through the login and consent pages', async () => {
      const client = await registerWebClient(admin);
      const person = await createPerson(admin);
      const browser = new BrowserSession(origin);
      const { verifier, challenge } = pkce();
      const hops: string[] = [];

      const start = await browser.get(`${PREFIX}${authorizeUrl(client.client_id, { code_challenge: challenge, code_challenge_method: 'S256' })}`);
      expect(start.status).toBe(303);
      expect(start.location).toMatch(new RegExp(`^${PREFIX}/login\\?return_to=%2Ftenant-a%2Foauth2%2Fauthorize%2Fresume`));

      const loginPage = await follow(browser, start, hops);
      expect(loginPage.status).toBe(200);
      expect(formAction(loginPage.text)).toBe(`${PREFIX}/login`);
      expect(hiddenField(loginPage.text, 'return_to')).toMatch(new RegExp(`^${PREFIX}/oauth2/authorize/resume\\?request=`));
      const signedIn = await browser.post(formAction(loginPage.text), {
        csrf_token: hiddenField(loginPage.text, 'csrf_token'),
        return_to: hiddenField(loginPage.text, 'return_to'),
        username: person.username,
        password: person.password,
      });
      expect(signedIn.status).toBe(303);
      // Cookies stay host-wide: the __Host- prefix (over TLS) requires Path=/.
      for (const cookie of signedIn.headers.getSetCookie()) expect(cookie).toContain('Path=/;');

      const consentPage = await follow(browser, signedIn, hops);
      expect(consentPage.status).toBe(200);
      expect(formAction(consentPage.text)).toBe(`${PREFIX}/oauth2/consent`);
      const decided = await browser.post(formAction(consentPage.text), {
        request: hiddenField(consentPage.text, 'request'),
        csrf_token: hiddenField(consentPage.text, 'csrf_token'),
        decision: 'allow',
      });

      const callback = callbackParams(await follow(browser, decided, hops));
      expect(callback.get('iss')).toBe(issuer);
      expect(hops.length).toBeGreaterThanOrEqual(4);
      for (const hop of hops) expect(hop.startsWith(`${PREFIX}/`)).toBe(true);

      const { token_endpoint, userinfo_endpoint } = await discovery();
      const tokens = await postForm<{ access_token: string; id_token: string }>(
        served(token_endpoint),
        { grant_type: 'authorization_code', code: callback.get('code')!, redirect_uri: 'https://app.example.com/callback', code_verifier: verifier },
        { authorization: basicAuth(client.client_id, client.client_secret!) },
      );
      expect(tokens.status).toBe(200);
      expect(decodeJwt(tokens.body.id_token).payload).toMatchObject({ iss: issuer, sub: person.id, aud: client.client_id });
      const userinfo = await request(served(userinfo_endpoint), { headers: { authorization: `Bearer ${tokens.body.access_token}` } });
      expect(userinfo.status).toBe(200);
      expect(userinfo.body.sub).toBe(person.id);

      // RP-Initiated Logout without an id_token_hint asks the person, with a form under the path.
      const { end_session_endpoint } = await discovery();
      const logoutPage = await browser.get(served(end_session_endpoint));
      expect(logoutPage.status).toBe(200);
      expect(formAction(logoutPage.text)).toBe(`${PREFIX}/oauth2/logout/confirm`);
      const signedOut = await browser.post(formAction(logoutPage.text), { csrf_token: hiddenField(logoutPage.text, 'csrf_token') });
      expect(signedOut.status).toBe(200);
      expect(signedOut.text).toContain('Signed out');
    });

    it('sends a person without a session from the device page to the login page and back under the path', async () => {
      const device = await admin.registerClient({ client_name: 'Living Room TV', grant_types: ['urn:ietf:params:oauth:grant-type:device_code'], token_endpoint_auth_method: 'none', scope: 'openid' });
      const { device_authorization_endpoint } = await discovery();
      const started = await postForm<{ verification_uri: string; verification_uri_complete: string; user_code: string }>(served(device_authorization_endpoint), { client_id: device.client_id, scope: 'openid' });
      expect(started.status).toBe(200);
      expect(started.body.verification_uri).toBe(`${issuer}/device`);

      const browser = new BrowserSession(origin);
      const codePage = await browser.get(served(started.body.verification_uri_complete));
      expect(codePage.status).toBe(200);
      expect(formAction(codePage.text)).toBe(`${PREFIX}/device`);
      const submitted = await browser.post(formAction(codePage.text), { csrf_token: hiddenField(codePage.text, 'csrf_token'), user_code: started.body.user_code });
      expect(submitted.status).toBe(303);
      const login = new URL(submitted.location!, origin);
      expect(login.pathname).toBe(`${PREFIX}/login`);
      expect(login.searchParams.get('return_to')).toMatch(new RegExp(`^${PREFIX}/device\\?user_code=`));

      const loginPage = await browser.get(submitted.location!);
      expect(formAction(loginPage.text)).toBe(`${PREFIX}/login`);
      expect(hiddenField(loginPage.text, 'return_to')).toBe(login.searchParams.get('return_to'));
    });

    it('shows browser-page errors under the path as HTML, and sends a return_to outside the path home', async () => {
      const browser = new BrowserSession(origin);
      const broken = await browser.get(`${PREFIX}/oauth2/authorize?response_type=code`);
      expect(broken.status).toBe(400);
      expect(broken.headers.get('content-type')).toMatch(/^text\/html/);
      const unknownPage = await browser.get(`${PREFIX}/login/unknown`);
      expect(unknownPage.status).toBe(404);
      expect(unknownPage.headers.get('content-type')).toMatch(/^text\/html/);

      const loginPage = await browser.get(`${PREFIX}/login?return_to=${encodeURIComponent('/elsewhere')}`);
      expect(hiddenField(loginPage.text, 'return_to')).toBe(`${PREFIX}/`);
    });
  });
});
