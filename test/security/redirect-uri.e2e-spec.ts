import { useTestServer } from '../support/server-fixture';
import { BrowserSession } from '../support/browser-session';
import { authorizeUrl, CALLBACK, pkce, registerWebClient, RegisteredClient } from '../support/sign-in';
import { expectHtmlErrorPage } from '../support/security';

/**
 * RFC 9700 §4.1 (insufficient redirect URI validation) and §4.1.3 (exact string matching), RFC 9700 §4.11.2
 * (no open redirect from the authorization endpoint): every variant of a registered redirect URI that some
 * server once normalised into a match is refused with an HTML page, never a redirect.
 */
describe('RFC 9700 §4.1: redirect URI validation at /oauth2/authorize', () => {
  const ctx = useTestServer();
  let web: RegisteredClient;
  let native: RegisteredClient;
  const challenge = pkce().challenge;
  const withPkce = { code_challenge: challenge, code_challenge_method: 'S256', scope: 'openid' };

  beforeAll(async () => {
    web = await registerWebClient(ctx.admin);
    native = await ctx.admin.registerClient({
      client_name: 'CLI', application_type: 'native',
      redirect_uris: ['http://127.0.0.1/callback', 'http://[::1]/callback', 'http://localhost:8080/callback'],
      grant_types: ['authorization_code'], token_endpoint_auth_method: 'none', scope: 'openid',
    });
  });

  async function refused(clientId: string, redirectUri: string): Promise<void> {
    const page = await new BrowserSession(ctx.server.baseUrl).get(authorizeUrl(clientId, withPkce, redirectUri));
    expectHtmlErrorPage(page);
    expect(page.text).not.toContain('code=');
  }

  async function accepted(clientId: string, redirectUri: string): Promise<void> {
    const page = await new BrowserSession(ctx.server.baseUrl).get(authorizeUrl(clientId, withPkce, redirectUri));
    expect(page.status).toBe(303);
    expect(page.location).toMatch(/^\/login\?/);
  }

  it('the registered URI itself is accepted (control)', async () => {
    await accepted(web.client_id, CALLBACK);
  });

  describe('RFC 9700 §4.1.1 path tricks', () => {
    it.each([
      ['dot-dot segment after the path', `${CALLBACK}/..`],
      ['dot-dot segment back into the path', 'https://app.example.com/x/../callback'],
      ['dot segment', 'https://app.example.com/./callback'],
      ['trailing slash', `${CALLBACK}/`],
      ['encoded slash then dot-dot', `${CALLBACK}%2f..`],
      ['encoded slash then dot-dot, upper case', `${CALLBACK}%2F..%2Fevil`],
      ['double slash before the path', 'https://app.example.com//callback'],
      ['double slash after the path', `${CALLBACK}//evil.example`],
      ['extra path segment', `${CALLBACK}/extra`],
      ['backslash', 'https://app.example.com\\callback'],
      ['semicolon path parameter', `${CALLBACK};x=1`],
    ])('%s', async (_name, uri) => refused(web.client_id, uri));
  });

  describe('RFC 9700 §4.1.3 encodings', () => {
    it.each([
      ['percent-encoded letter', 'https://app.example.com/%63allback'],
      ['percent-encoded dot segment', 'https://app.example.com/%2e/callback'],
      ['percent-encoded dot appended', `${CALLBACK}%2e`],
      ['double-encoded slash', `${CALLBACK}%252f..`],
      ['encoded NUL byte', `${CALLBACK}%00`],
      ['trailing space', `${CALLBACK} `],
      ['trailing newline', `${CALLBACK}\n`],
      ['punycode look-alike host', 'https://xn--pp-8ka.example.com/callback'],
    ])('%s', async (_name, uri) => refused(web.client_id, uri));
  });

  describe('RFC 9700 §4.1.1 userinfo and host confusion', () => {
    it.each([
      ['registered host as userinfo before an attacker host', 'https://app.example.com@evil.example/callback'],
      ['attacker userinfo before the registered host', 'https://evil.example@app.example.com/callback'],
      ['user and password before the registered host', 'https://user:pass@app.example.com/callback'],
      ['encoded slash in userinfo', 'https://app.example.com%2f@evil.example/callback'],
      ['backslash-at', 'https://app.example.com\\@evil.example/callback'],
      ['registered host as a subdomain of the attacker', 'https://app.example.com.evil.example/callback'],
      ['attacker subdomain of the registered host', 'https://evil.app.example.com/callback'],
      ['suffix look-alike host', 'https://evilapp.example.com/callback'],
      ['trailing dot on the host', 'https://app.example.com./callback'],
      ['scheme-relative', '//evil.example/callback'],
      ['scheme without slashes', 'https:app.example.com/callback'],
      ['javascript scheme', 'javascript:alert(1)//https://app.example.com/callback'],
      ['data scheme', 'data:text/html,<script>alert(1)</script>'],
    ])('%s', async (_name, uri) => refused(web.client_id, uri));
  });

  describe('RFC 9700 §4.1.3 case, scheme and port', () => {
    it.each([
      ['upper-case scheme', 'HTTPS://app.example.com/callback'],
      ['upper-case host', 'https://APP.EXAMPLE.COM/callback'],
      ['mixed-case host', 'https://App.example.com/callback'],
      ['upper-case path', 'https://app.example.com/CALLBACK'],
      ['http instead of https', 'http://app.example.com/callback'],
      ['default port spelled out', 'https://app.example.com:443/callback'],
      ['another port', 'https://app.example.com:8443/callback'],
      ['empty port', 'https://app.example.com:/callback'],
    ])('%s', async (_name, uri) => refused(web.client_id, uri));
  });

  describe('RFC 9700 §4.1.3 query and fragment variants', () => {
    it.each([
      ['an added query', `${CALLBACK}?next=https://evil.example`],
      ['an empty query', `${CALLBACK}?`],
      ['an added fragment', `${CALLBACK}#x`],
      ['an empty fragment', `${CALLBACK}#`],
      ['a query smuggling a second redirect_uri', `${CALLBACK}?redirect_uri=https://evil.example`],
    ])('%s', async (_name, uri) => refused(web.client_id, uri));

    it('a registered URI with a query must match that query exactly', async () => {
      const withQuery = await registerWebClient(ctx.admin, { redirect_uris: ['https://app.example.com/cb?tenant=a'] });
      await accepted(withQuery.client_id, 'https://app.example.com/cb?tenant=a');
      await refused(withQuery.client_id, 'https://app.example.com/cb?tenant=b');
      await refused(withQuery.client_id, 'https://app.example.com/cb?tenant=a&tenant=b');
      await refused(withQuery.client_id, 'https://app.example.com/cb');
      await refused(withQuery.client_id, 'https://app.example.com/cb?tenant=a#x');
    });
  });

  describe('RFC 8252 §7.3: loopback redirect URIs of native apps', () => {
    it('an IP literal loopback URI matches on any port', async () => {
      await accepted(native.client_id, 'http://127.0.0.1:51004/callback');
      await accepted(native.client_id, 'http://127.0.0.1/callback');
      await accepted(native.client_id, 'http://[::1]:61234/callback');
    });

    it.each([
      ['localhost with another port than registered', 'http://localhost:9090/callback'],
      ['localhost without the registered port', 'http://localhost/callback'],
      ['localhost for a registered IP literal', 'http://localhost:51004/callback'],
      ['another path on the IP literal', 'http://127.0.0.1:51004/other'],
      ['a trailing slash on the IP literal', 'http://127.0.0.1:51004/callback/'],
      ['a query on the IP literal', 'http://127.0.0.1:51004/callback?x=1'],
      ['a fragment on the IP literal', 'http://127.0.0.1:51004/callback#x'],
      ['another loopback address', 'http://127.0.0.2:51004/callback'],
      ['https instead of the registered http', 'https://127.0.0.1:51004/callback'],
      ['upper-case scheme on the IP literal', 'HTTP://127.0.0.1:51004/callback'],
      ['a port out of range', 'http://127.0.0.1:99999/callback'],
      ['userinfo trick on the IP literal', 'http://127.0.0.1:51004@evil.example/callback'],
      ['an encoded path on the IP literal', 'http://127.0.0.1:51004/%63allback'],
      ['a decimal IP spelling', 'http://2130706433:51004/callback'],
    ])('%s is refused', async (_name, uri) => refused(native.client_id, uri));

    it('the registered localhost URI with its own port is accepted (control)', async () => {
      await accepted(native.client_id, 'http://localhost:8080/callback');
    });
  });

  describe('RFC 8252 §7.3 is for native apps: a web client\'s loopback redirect keeps its port', () => {
    let devWeb: RegisteredClient;

    beforeAll(async () => {
      devWeb = await registerWebClient(ctx.admin, { redirect_uris: ['http://127.0.0.1:8080/callback', 'http://[::1]/callback'] });
    });

    it('the registered loopback URI with its own port is accepted (control)', async () => {
      await accepted(devWeb.client_id, 'http://127.0.0.1:8080/callback');
      await accepted(devWeb.client_id, 'http://[::1]/callback');
    });

    it.each([
      ['another port than registered', 'http://127.0.0.1:8081/callback'],
      ['no port where one was registered', 'http://127.0.0.1/callback'],
      ['a port where none was registered', 'http://[::1]:51004/callback'],
    ])('%s is refused', async (_name, uri) => refused(devWeb.client_id, uri));
  });
});
