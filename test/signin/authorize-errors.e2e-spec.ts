import { useTestServer } from '../support/server-fixture';
import { BrowserSession } from '../support/browser-session';
import { authorize, authorizeUrl, CALLBACK, callbackParams, createPerson, pkce, registerWebClient, RegisteredClient } from '../support/sign-in';

describe('authorization endpoint: bad requests', () => {
  const ctx = useTestServer();
  let client: RegisteredClient;
  const challenge = pkce().challenge;
  const withPkce = (params: Record<string, string> = {}) => ({ code_challenge: challenge, code_challenge_method: 'S256', ...params });

  beforeAll(async () => {
    client = await registerWebClient(ctx.admin);
  });

  async function expectErrorPage(path: string): Promise<string> {
    const response = await new BrowserSession(ctx.server.baseUrl).get(path);
    expect(response.status).toBe(400);
    expect(response.location).toBeUndefined();
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    return response.text;
  }

  async function expectRedirectError(params: Record<string, string>, error: string): Promise<URLSearchParams> {
    const response = await new BrowserSession(ctx.server.baseUrl).get(authorizeUrl(client.client_id, params));
    const callback = callbackParams(response);
    expect(response.location!.startsWith(`${CALLBACK}?`)).toBe(true);
    expect(callback.get('error')).toBe(error);
    expect(callback.get('iss')).toBe(ctx.server.config.issuer);
    return callback;
  }

  describe('RFC 6749 §4.1.2.1: client or redirect URI not verified -> HTML page, never a redirect', () => {
    it('unknown client', async () => {
      const html = await expectErrorPage(authorizeUrl('no-such-client', withPkce()));
      expect(html).toContain('Unknown application');
    });

    it('missing client_id', async () => {
      await expectErrorPage(`/oauth2/authorize?response_type=code&redirect_uri=${encodeURIComponent(CALLBACK)}`);
    });

    it('missing redirect_uri', async () => {
      await expectErrorPage(`/oauth2/authorize?response_type=code&client_id=${client.client_id}&code_challenge=${challenge}&code_challenge_method=S256`);
    });

    it.each([
      ['an unregistered URI', 'https://evil.example/callback'],
      ['a trailing path', `${CALLBACK}/extra`],
      ['a trailing slash', `${CALLBACK}/`],
      ['an extra query', `${CALLBACK}?next=https://evil.example`],
      ['user info before the host', 'https://app.example.com@evil.example/callback'],
      ['a host case change', 'https://APP.example.com/callback'],
      ['a path case change', 'https://app.example.com/Callback'],
      ['a fragment', `${CALLBACK}#x`],
      ['percent-encoding', 'https://app.example.com/%63allback'],
      ['a different port', 'https://app.example.com:8443/callback'],
    ])('RFC 9700 §4.1.3 exact match: %s', async (_name, redirectUri) => {
      await expectErrorPage(authorizeUrl(client.client_id, withPkce(), redirectUri));
    });

    it('a repeated client_id or redirect_uri', async () => {
      await expectErrorPage(`${authorizeUrl(client.client_id, withPkce())}&client_id=${client.client_id}`);
      await expectErrorPage(`${authorizeUrl(client.client_id, withPkce())}&redirect_uri=${encodeURIComponent(CALLBACK)}`);
    });

    it('escapes what it shows', async () => {
      const html = await expectErrorPage(authorizeUrl('<script>alert(1)</script>', withPkce()));
      expect(html).not.toContain('<script>');
    });
  });

  describe('RFC 8252 §7.3: loopback redirect URIs match on any port', () => {
    it('accepts another port for 127.0.0.1 and nothing else', async () => {
      const native = await ctx.admin.registerClient({
        client_name: 'CLI', application_type: 'native', redirect_uris: ['http://127.0.0.1/callback'],
        grant_types: ['authorization_code'], token_endpoint_auth_method: 'none', scope: 'openid',
      });
      const browser = new BrowserSession(ctx.server.baseUrl);
      const ok = await browser.get(authorizeUrl(native.client_id, withPkce({ scope: 'openid' }), 'http://127.0.0.1:51004/callback'));
      expect(ok.status).toBe(303);
      expect(ok.location).toMatch(/^\/login\?/);
      await expectErrorPage(authorizeUrl(native.client_id, withPkce({ scope: 'openid' }), 'http://127.0.0.1:51004/other'));
      await expectErrorPage(authorizeUrl(native.client_id, withPkce({ scope: 'openid' }), 'http://localhost:51004/callback'));
    });
  });

  describe('after verification: errors redirect to the client with state and iss', () => {
    it('RFC 6749 §3.1: a repeated parameter is invalid_request', async () => {
      const response = await new BrowserSession(ctx.server.baseUrl).get(`${authorizeUrl(client.client_id, withPkce())}&scope=openid`);
      const callback = callbackParams(response);
      expect(callback.get('error')).toBe('invalid_request');
      expect(callback.get('state')).toBe('st-123');
    });

    it('RFC 6749 §4.1.2.1: response_type other than code is unsupported_response_type', async () => {
      const callback = await expectRedirectError(withPkce({ response_type: 'device' }), 'unsupported_response_type');
      expect(callback.get('state')).toBe('st-123');
    });

    it('RFC 9700 §2.1.2: response_type=token is unsupported_response_type, in the fragment (its default response mode)', async () => {
      const response = await new BrowserSession(ctx.server.baseUrl).get(authorizeUrl(client.client_id, { response_type: 'token' }));
      const url = new URL(response.location!);
      expect(url.search).toBe('');
      expect(new URLSearchParams(url.hash.slice(1)).get('error')).toBe('unsupported_response_type');
    });

    it('missing response_type is invalid_request', async () => {
      await expectRedirectError(withPkce({ response_type: '' }), 'invalid_request');
    });

    it('RFC 6749 §3.3: a scope the client was not given is invalid_scope', async () => {
      await expectRedirectError(withPkce({ scope: 'openid admin' }), 'invalid_scope');
    });

    it('RFC 9700 §2.1.1: PKCE is required', async () => {
      await expectRedirectError({}, 'invalid_request');
    });

    it('RFC 7636 §4.3: a missing method means plain, which this client may not use', async () => {
      await expectRedirectError({ code_challenge: challenge }, 'invalid_request');
    });

    it('RFC 7636 §4.2: a challenge outside 43-128 unreserved characters is invalid_request', async () => {
      await expectRedirectError({ code_challenge: 'short', code_challenge_method: 'S256' }, 'invalid_request');
      await expectRedirectError({ code_challenge: `${challenge}!`, code_challenge_method: 'S256' }, 'invalid_request');
    });

    it('an unknown code_challenge_method is invalid_request', async () => {
      await expectRedirectError({ code_challenge: challenge, code_challenge_method: 'S512' }, 'invalid_request');
    });

    it('OIDC Core §3.1.2.1: prompt=none without a session is login_required', async () => {
      const callback = await expectRedirectError(withPkce({ prompt: 'none' }), 'login_required');
      expect(callback.get('state')).toBe('st-123');
    });

    it('OIDC Core §3.1.2.1: prompt=none combined with another value is invalid_request', async () => {
      await expectRedirectError(withPkce({ prompt: 'none login' }), 'invalid_request');
    });

    it('prompt=none when consent would be needed is consent_required', async () => {
      const person = await createPerson(ctx.admin);
      const browser = new BrowserSession(ctx.server.baseUrl);
      const other = await registerWebClient(ctx.admin, { first_party: true });
      callbackParams(await authorize(browser, authorizeUrl(other.client_id, withPkce()), person));
      const response = await browser.get(authorizeUrl(client.client_id, withPkce({ prompt: 'none' })));
      expect(callbackParams(response).get('error')).toBe('consent_required');
    });

    it('max_age must be a non-negative integer', async () => {
      await expectRedirectError(withPkce({ max_age: '-1' }), 'invalid_request');
    });

    it('a client without the authorization_code grant is unauthorized_client', async () => {
      const machine = await ctx.admin.registerClient({
        client_name: 'Machine', grant_types: ['client_credentials'], redirect_uris: [CALLBACK], response_types: [], scope: 'openid',
      });
      const response = await new BrowserSession(ctx.server.baseUrl).get(authorizeUrl(machine.client_id, withPkce({ scope: 'openid' })));
      expect(callbackParams(response).get('error')).toBe('unauthorized_client');
    });
  });

  describe('the interaction id carried by the login and consent pages', () => {
    it('a tampered or unknown request id shows an error page', async () => {
      const browser = new BrowserSession(ctx.server.baseUrl);
      const start = await browser.get(authorizeUrl(client.client_id, withPkce()));
      const id = new URLSearchParams(decodeURIComponent(start.location!.split('return_to=')[1]).split('?')[1]).get('request')!;
      const tampered = `${id.slice(0, -1)}${id.endsWith('A') ? 'B' : 'A'}`;
      for (const bad of [tampered, 'x', '']) {
        const response = await browser.get(`/oauth2/authorize/resume?request=${encodeURIComponent(bad)}`);
        expect(response.status).toBe(400);
        expect(response.text).toContain('Sign-in request expired');
        const consent = await browser.get(`/oauth2/consent?request=${encodeURIComponent(bad)}`);
        expect(consent.status).toBe(400);
      }
    });

    it('the state the client sent comes back unchanged', async () => {
      const person = await createPerson(ctx.admin);
      const state = 'a b&c=d/é<>';
      const callback = callbackParams(await authorize(new BrowserSession(ctx.server.baseUrl), authorizeUrl(client.client_id, withPkce({ state })), person));
      expect(callback.get('state')).toBe(state);
    });

    it('accepts the authorization request as a POST form (OIDC Core §3.1.2.1)', async () => {
      const browser = new BrowserSession(ctx.server.baseUrl);
      const response = await browser.post('/oauth2/authorize', {
        response_type: 'code', client_id: client.client_id, redirect_uri: CALLBACK, scope: 'openid', ...withPkce(),
      });
      expect(response.status).toBe(303);
      expect(response.location).toMatch(/^\/login\?/);
    });
  });
});
