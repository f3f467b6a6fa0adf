import { basicAuth, postForm, request } from '../support/http';
import { useTestServer } from '../support/server-fixture';
import { BrowserSession, hiddenField } from '../support/browser-session';
import { DEVICE_GRANT, decide, enterCode, registerDeviceClient, signedInBrowser, startDeviceFlow, startOk } from '../support/device';

const USER_CODE = /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/;

describe('device authorization endpoint and verification page (RFC 8628 §3.1-3.3)', () => {
  const ctx = useTestServer();

  describe('POST /oauth2/device_authorization', () => {
    it('§3.2: answers device_code, user_code, verification URIs, expires_in and interval, not cacheable', async () => {
      const client = await registerDeviceClient(ctx.admin);
      const response = await startDeviceFlow(ctx.server, client, { scope: 'openid api:read' });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const body = response.body;
      expect(body.device_code).toMatch(/^[\w-]{43}$/);
      expect(body.user_code).toMatch(USER_CODE);
      expect(body.verification_uri).toBe(`${ctx.server.config.issuer}/device`);
      expect(body.verification_uri_complete).toBe(`${ctx.server.config.issuer}/device?user_code=${body.user_code}`);
      expect(body.expires_in).toBe(600);
      expect(body.interval).toBe(5);
    });

    it('accepts a confidential client with client_secret_basic', async () => {
      const client = await registerDeviceClient(ctx.admin, { token_endpoint_auth_method: 'client_secret_basic' });
      const response = await postForm(`${ctx.server.baseUrl}/oauth2/device_authorization`, {}, { authorization: basicAuth(client.client_id, client.client_secret!) });
      expect(response.status).toBe(200);
    });

    it('§3.2 / RFC 6749 §5.2: a client not registered for the device grant is unauthorized_client', async () => {
      const client = await ctx.admin.registerClient({ client_name: 'Backend', grant_types: ['client_credentials'], scope: 'api:read' });
      const response = await postForm(`${ctx.server.baseUrl}/oauth2/device_authorization`, {}, { authorization: basicAuth(client.client_id, client.client_secret!) });
      expect(response.status).toBe(400);
      expect(response.body).toEqual(expect.objectContaining({ error: 'unauthorized_client' }));
    });

    it('RFC 6749 §3.3: a scope the client may not have is invalid_scope', async () => {
      const client = await registerDeviceClient(ctx.admin);
      const response = await startDeviceFlow(ctx.server, client, { scope: 'admin' });
      expect(response.status).toBe(400);
      expect(response.body).toEqual(expect.objectContaining({ error: 'invalid_scope' }));
    });

    it('RFC 6749 §5.2: an unknown client is invalid_client', async () => {
      const response = await startDeviceFlow(ctx.server, { client_id: 'nobody' });
      expect(response.status).toBe(401);
      expect(response.body).toEqual(expect.objectContaining({ error: 'invalid_client' }));
    });

    it('RFC 6749 §3.1: a repeated parameter is invalid_request', async () => {
      const client = await registerDeviceClient(ctx.admin);
      const response = await postForm(`${ctx.server.baseUrl}/oauth2/device_authorization`, { client_id: client.client_id, scope: ['openid', 'profile'] });
      expect(response.status).toBe(400);
      expect(response.body).toEqual(expect.objectContaining({ error: 'invalid_request' }));
    });
  });

  it('RFC 8628 §4: discovery lists the device authorization endpoint and grant type', async () => {
    for (const path of ['/.well-known/openid-configuration', '/.well-known/oauth-authorization-server']) {
      const metadata = await request<Record<string, unknown>>(`${ctx.server.baseUrl}${path}`);
      expect(metadata.body.device_authorization_endpoint).toBe(`${ctx.server.config.issuer}/oauth2/device_authorization`);
      expect(metadata.body.grant_types_supported).toContain(DEVICE_GRANT);
    }
  });

  describe('GET/POST /device', () => {
    it('shows the code form, prefilled from verification_uri_complete, with strict headers', async () => {
      const browser = new BrowserSession(ctx.server.baseUrl);
      const page = await browser.get('/device?user_code=BCDF-GHJK');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.text).toContain('name="user_code"');
      expect(page.text).toContain('value="BCDF-GHJK"');
      expect(hiddenField(page.text, 'csrf_token')).toMatch(/^[\w-]{43}$/);
    });

    it('escapes whatever arrives in user_code', async () => {
      const browser = new BrowserSession(ctx.server.baseUrl);
      const page = await browser.get(`/device?user_code=${encodeURIComponent('"><script>x</script>')}`);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('<script>');
      expect(page.text).toContain('&quot;&gt;&lt;script&gt;');
    });

    it('sends a person without a session to the login page and back to the code', async () => {
      const browser = new BrowserSession(ctx.server.baseUrl);
      const result = await enterCode(browser, 'BCDF-GHJK');
      expect(result.status).toBe(303);
      expect(result.location).toBe(`/login?return_to=${encodeURIComponent('/device?user_code=BCDF-GHJK')}`);
    });

    it('shows the client and its scopes, then approves; the code is matched case-insensitively without dash', async () => {
      const client = await registerDeviceClient(ctx.admin, { client_name: 'Kitchen <Display>' });
      const started = await startOk(ctx.server, client, { scope: 'openid api:read' });
      const browser = await signedInBrowser(ctx.server);
      const confirm = await enterCode(browser, started.user_code.replace('-', '').toLowerCase());
      expect(confirm.status).toBe(200);
      expect(confirm.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(confirm.text).toContain('Kitchen &lt;Display&gt;');
      expect(confirm.text).toContain('<code>openid</code>');
      expect(confirm.text).toContain('<code>api:read</code>');
      expect(confirm.text).toContain(started.user_code);
      expect(confirm.text).toContain('name="decision" value="allow"');
      expect(confirm.text).toContain('name="decision" value="deny"');
      const done = await browser.post('/device', {
        csrf_token: hiddenField(confirm.text, 'csrf_token'),
        user_code: hiddenField(confirm.text, 'user_code'),
        decision: 'allow',
      });
      expect(done.status).toBe(200);
      expect(done.text).toContain('Device connected');
    });

    it('a wrong code gets a clear HTML message, never JSON', async () => {
      const browser = await signedInBrowser(ctx.server);
      for (const code of ['BCDF-GHJK', 'not a code']) {
        const page = await enterCode(browser, code);
        expect(page.status).toBe(400);
        expect(page.headers.get('content-type')).toContain('text/html');
        expect(page.text).toContain('That code is not valid or has expired');
      }
    });

    it('a code already decided cannot be decided again', async () => {
      const client = await registerDeviceClient(ctx.admin);
      const started = await startOk(ctx.server, client);
      const browser = await signedInBrowser(ctx.server);
      const confirm = await enterCode(browser, started.user_code);
      await decide(browser, started.user_code, 'deny');
      const again = await browser.post('/device', {
        csrf_token: hiddenField(confirm.text, 'csrf_token'),
        user_code: started.user_code,
        decision: 'allow',
      });
      expect(again.status).toBe(400);
      expect(again.text).toContain('not valid or has expired');
    });

    it('CSRF: a POST without this browser\'s token is refused with 403 and changes nothing', async () => {
      const client = await registerDeviceClient(ctx.admin);
      const started = await startOk(ctx.server, client);
      const browser = await signedInBrowser(ctx.server);
      const foreign = hiddenField((await new BrowserSession(ctx.server.baseUrl).get('/device')).text, 'csrf_token');
      for (const token of [undefined, foreign]) {
        const fields: Record<string, string> = { user_code: started.user_code, decision: 'allow' };
        if (token) fields.csrf_token = token;
        const result = await browser.post('/device', fields);
        expect(result.status).toBe(403);
        expect(result.headers.get('content-type')).toContain('text/html');
        expect(result.text).toContain('The form expired');
      }
      // Still pending: the real person can still decide.
      expect((await decide(browser, started.user_code, 'deny')).text).toContain('Access denied');
    });

    it('an unknown decision value is a 400 page', async () => {
      const client = await registerDeviceClient(ctx.admin);
      const started = await startOk(ctx.server, client);
      const browser = await signedInBrowser(ctx.server);
      const confirm = await enterCode(browser, started.user_code);
      const result = await browser.post('/device', { csrf_token: hiddenField(confirm.text, 'csrf_token'), user_code: started.user_code, decision: 'maybe' });
      expect(result.status).toBe(400);
      expect(result.headers.get('content-type')).toContain('text/html');
    });
  });
});
