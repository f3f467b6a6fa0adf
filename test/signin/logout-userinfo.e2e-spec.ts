import { useTestServer } from '../support/server-fixture';
import { postForm, request } from '../support/http';
import { BrowserSession, hiddenField } from '../support/browser-session';
import { authorize, authorizeUrl, callbackParams, createPerson, pkce, redeemCode, registerWebClient, RegisteredClient, TokenSet } from '../support/sign-in';

describe('OpenID Connect: userinfo errors and RP-initiated logout', () => {
  const ctx = useTestServer();
  let client: RegisteredClient;

  beforeAll(async () => {
    client = await registerWebClient(ctx.admin, { first_party: true });
  });

  async function signIn(scope = 'openid profile email'): Promise<{ browser: BrowserSession; tokens: TokenSet }> {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const { verifier, challenge } = pkce();
    const callback = callbackParams(await authorize(browser, authorizeUrl(client.client_id, { code_challenge: challenge, code_challenge_method: 'S256', scope }), await createPerson(ctx.admin)));
    return { browser, tokens: (await redeemCode(ctx.server.baseUrl, client, callback.get('code')!, verifier)).body };
  }

  describe('userinfo (OIDC Core §5.3, RFC 6750 §3)', () => {
    it('no token: 401 with a bare Bearer challenge', async () => {
      const response = await request(`${ctx.server.baseUrl}/oauth2/userinfo`);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
    });

    it('a bad token: 401 invalid_token', async () => {
      const response = await request(`${ctx.server.baseUrl}/oauth2/userinfo`, { headers: { authorization: 'Bearer not.a.token' } });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
    });

    it('a token without openid: 403 insufficient_scope', async () => {
      const { tokens } = await signIn('profile');
      const response = await request(`${ctx.server.baseUrl}/oauth2/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      expect(response.status).toBe(403);
      expect(response.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    });

    it('a revoked token: 401 invalid_token', async () => {
      const { tokens } = await signIn();
      await postForm(`${ctx.server.baseUrl}/oauth2/revoke`, { token: tokens.access_token }, { authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}` });
      const response = await request(`${ctx.server.baseUrl}/oauth2/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      expect(response.status).toBe(401);
    });

    it('only the claims of the granted scopes', async () => {
      const { tokens } = await signIn('openid email');
      const response = await request(`${ctx.server.baseUrl}/oauth2/userinfo`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `access_token=${tokens.access_token}` });
      expect(Object.keys(response.body).sort()).toEqual(['email', 'email_verified', 'sub']);
    });
  });

  describe('logout (RP-Initiated Logout 1.0)', () => {
    it('without an id_token_hint asks the person first (CSRF-protected), then signs out', async () => {
      const { browser } = await signIn();
      const page = await browser.get(`/oauth2/logout?client_id=${client.client_id}&post_logout_redirect_uri=${encodeURIComponent('https://app.example.com/signed-out')}&state=s1`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Sign out?');
      expect(browser.cookie('sid')).toBeDefined();
      const forged = await browser.post('/oauth2/logout/confirm', { csrf_token: 'forged', client_id: client.client_id });
      expect(forged.status).toBe(403);
      const done = await browser.post('/oauth2/logout/confirm', {
        csrf_token: hiddenField(page.text, 'csrf_token'),
        client_id: hiddenField(page.text, 'client_id'),
        post_logout_redirect_uri: hiddenField(page.text, 'post_logout_redirect_uri'),
        state: hiddenField(page.text, 'state'),
      });
      expect(done.status).toBe(303);
      expect(done.location).toBe('https://app.example.com/signed-out?state=s1');
      expect(browser.cookie('sid')).toBeUndefined();
    });

    it('an unregistered post_logout_redirect_uri is an error page, not a redirect', async () => {
      const { browser, tokens } = await signIn();
      const page = await browser.get(`/oauth2/logout?id_token_hint=${tokens.id_token}&post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`);
      expect(page.status).toBe(400);
      expect(page.location).toBeUndefined();
      expect(browser.cookie('sid')).toBeDefined();
    });

    it('an id_token_hint not signed by us (alg none) is refused', async () => {
      const { browser, tokens } = await signIn();
      const [, payload] = tokens.id_token!.split('.');
      const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
      const page = await browser.get(`/oauth2/logout?id_token_hint=${unsigned}`);
      expect(page.status).toBe(400);
      expect(browser.cookie('sid')).toBeDefined();
    });

    it('client_id must match the id_token_hint audience', async () => {
      const other = await registerWebClient(ctx.admin);
      const { browser, tokens } = await signIn();
      const page = await browser.get(`/oauth2/logout?id_token_hint=${tokens.id_token}&client_id=${other.client_id}`);
      expect(page.status).toBe(400);
    });

    it('with no session and no redirect, shows the signed-out page', async () => {
      const page = await new BrowserSession(ctx.server.baseUrl).get('/oauth2/logout');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Signed out');
    });
  });
});
