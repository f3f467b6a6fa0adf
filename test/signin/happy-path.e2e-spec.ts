import { useTestServer } from '../support/server-fixture';
import { decodeJwt, request } from '../support/http';
import { createHash } from 'node:crypto';
import { BrowserSession, submitLogin } from '../support/browser-session';
import { authorize, authorizeUrl, callbackParams, createPerson, decideConsent, introspect, pkce, redeemCode, registerWebClient, tokenRequest } from '../support/sign-in';

describe('sign-in: authorization code with PKCE, OpenID Connect and single sign-on', () => {
  const ctx = useTestServer();

  it('authorize -> login -> consent -> code -> token -> userinfo -> refresh -> logout', async () => {
    const client = await registerWebClient(ctx.admin);
    const person = await createPerson(ctx.admin);
    const browser = new BrowserSession(ctx.server.baseUrl);
    const { verifier, challenge } = pkce();

    const start = await browser.get(authorizeUrl(client.client_id, { code_challenge: challenge, code_challenge_method: 'S256', scope: 'openid profile email offline_access', login_hint: person.username }));
    expect(start.status).toBe(303);
    expect(start.location).toMatch(/^\/login\?return_to=%2Foauth2%2Fauthorize%2Fresume/);
    const loginPage = await browser.follow(start);
    expect(loginPage.status).toBe(200);
    expect(loginPage.text).toContain(`value="${person.username}"`);
    // The form's CSP allows the final redirect to the client and nothing else.
    expect(loginPage.headers.get('content-security-policy')).toContain("form-action 'self' https://app.example.com");

    const consentPage = await browser.follow(await submitLogin(browser, loginPage, person.username, person.password));
    expect(consentPage.status).toBe(200);
    expect(consentPage.text).toContain('Orders &lt;web&gt; app');
    expect(consentPage.text).toContain('name="decision" value="allow"');
    expect(consentPage.text).toContain('name="decision" value="deny"');
    expect(consentPage.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");

    const callback = callbackParams(await browser.follow(await decideConsent(browser, consentPage, 'allow')));
    expect(callback.get('state')).toBe('st-123');
    expect(callback.get('iss')).toBe(ctx.server.config.issuer);
    expect(callback.get('code')).toMatch(/^[\w-]{43}$/);

    const tokens = await redeemCode(ctx.server.baseUrl, client, callback.get('code')!, verifier);
    expect(tokens.status).toBe(200);
    expect(tokens.headers.get('cache-control')).toBe('no-store');
    expect(tokens.body.token_type).toBe('Bearer');
    expect(tokens.body.scope).toBe('openid profile email offline_access');
    expect(tokens.body.refresh_token).toMatch(/^[\w-]{43}$/);

    const idToken = decodeJwt(tokens.body.id_token!);
    expect(idToken.header.typ).toBe('JWT');
    // OIDC Dynamic Client Registration §2: RS256 when the client registered no id_token_signed_response_alg.
    expect(idToken.header.alg).toBe('RS256');
    expect(idToken.payload).toMatchObject({ iss: ctx.server.config.issuer, sub: person.id, aud: client.client_id, nonce: 'n-456' });
    expect(typeof idToken.payload.auth_time).toBe('number');
    expect(typeof idToken.payload.sid).toBe('string');
    // OIDC Core §3.1.3.6: at_hash is the left half of SHA-256 of the access token.
    const digest = createHash('sha256').update(tokens.body.access_token).digest();
    expect(idToken.payload.at_hash).toBe(digest.subarray(0, 16).toString('base64url'));
    // Profile claims live in userinfo, not in the id_token.
    expect(idToken.payload.email).toBeUndefined();
    expect(decodeJwt(tokens.body.access_token).payload).toMatchObject({ sub: person.id, client_id: client.client_id });

    const userinfo = await request(`${ctx.server.baseUrl}/oauth2/userinfo`, { headers: { authorization: `Bearer ${tokens.body.access_token}` } });
    expect(userinfo.status).toBe(200);
    expect(userinfo.body).toEqual({
      sub: person.id,
      preferred_username: person.username,
      name: 'Ada Lovelace',
      given_name: 'Ada',
      family_name: 'Lovelace',
      updated_at: expect.any(Number),
      email: `${person.username}@example.com`,
      email_verified: true,
      roles: [],
    });
    const postUserinfo = await request(`${ctx.server.baseUrl}/oauth2/userinfo`, { method: 'POST', headers: { authorization: `Bearer ${tokens.body.access_token}` } });
    expect(postUserinfo.status).toBe(200);

    const refreshed = await tokenRequest(ctx.server.baseUrl, client, { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token!, scope: 'openid profile' });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.scope).toBe('openid profile');
    expect(refreshed.body.refresh_token).not.toBe(tokens.body.refresh_token);
    expect(decodeJwt(refreshed.body.id_token!).payload.sid).toBe(idToken.payload.sid);
    expect(await introspect(ctx.server.baseUrl, client, refreshed.body.refresh_token!)).toMatchObject({ active: true, token_type: 'refresh_token', scope: 'openid profile email offline_access' });

    const logout = await browser.get(`/oauth2/logout?${new URLSearchParams({ id_token_hint: tokens.body.id_token!, post_logout_redirect_uri: 'https://app.example.com/signed-out', state: 'bye' })}`);
    expect(logout.status).toBe(303);
    expect(logout.location).toBe('https://app.example.com/signed-out?state=bye');
    expect(browser.cookie('sid')).toBeUndefined();
    // Logout ends the session's access tokens; this grant has offline_access, so its refresh token lives on (OIDC Core §11).
    expect(await introspect(ctx.server.baseUrl, client, refreshed.body.access_token)).toEqual({ active: false });
    expect(await introspect(ctx.server.baseUrl, client, refreshed.body.refresh_token!)).toMatchObject({ active: true });
    // And the next authorization needs a sign-in again.
    const again = await browser.get(authorizeUrl(client.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256' }));
    expect(again.location).toMatch(/^\/login\?/);
  });

  it('signs in once for two applications (SSO) and remembers consent', async () => {
    const first = await registerWebClient(ctx.admin, { client_name: 'First' });
    const second = await registerWebClient(ctx.admin, { client_name: 'Second', first_party: true });
    const person = await createPerson(ctx.admin);
    const browser = new BrowserSession(ctx.server.baseUrl);

    const one = callbackParams(await authorize(browser, authorizeUrl(first.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256' }), person));
    expect(one.get('code')).toBeTruthy();

    // Second app, same browser: no login page, and first-party means no consent page either.
    const direct = await browser.get(authorizeUrl(second.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256' }));
    expect(callbackParams(direct).get('code')).toBeTruthy();

    // First app again: consent was remembered, so straight back with a code.
    const remembered = await browser.get(authorizeUrl(first.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256' }));
    expect(callbackParams(remembered).get('code')).toBeTruthy();

    // Asking for more scopes shows the consent page again.
    const more = await browser.get(authorizeUrl(first.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256', scope: 'openid orders:read' }));
    expect(more.location).toMatch(/^\/oauth2\/consent\?request=/);
  });

  it('prompt=login forces a new sign-in and prompt=consent shows the consent page even when remembered', async () => {
    const client = await registerWebClient(ctx.admin);
    const person = await createPerson(ctx.admin);
    const browser = new BrowserSession(ctx.server.baseUrl);
    callbackParams(await authorize(browser, authorizeUrl(client.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256' }), person));
    const oldSid = browser.cookie('sid');

    const forced = await browser.get(authorizeUrl(client.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256', prompt: 'login' }));
    expect(forced.location).toMatch(/^\/login\?/);
    const result = callbackParams(await authorize(browser, authorizeUrl(client.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256', prompt: 'login' }), person));
    expect(result.get('code')).toBeTruthy();
    // Session fixation: signing in again rotates the session cookie.
    expect(browser.cookie('sid')).not.toBe(oldSid);

    const consent = await browser.get(authorizeUrl(client.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256', prompt: 'consent' }));
    expect(consent.location).toMatch(/^\/oauth2\/consent\?/);
  });

  it('max_age asks for a new sign-in when the last one is older', async () => {
    const client = await registerWebClient(ctx.admin, { first_party: true });
    const person = await createPerson(ctx.admin);
    const browser = new BrowserSession(ctx.server.baseUrl);
    callbackParams(await authorize(browser, authorizeUrl(client.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256' }), person));
    // max_age is compared in milliseconds: no wait is needed for the last sign-in to be older than 0 s.
    const stale = await browser.get(authorizeUrl(client.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256', max_age: '0' }));
    expect(stale.location).toMatch(/^\/login\?/);
    const fresh = await browser.get(authorizeUrl(client.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256', max_age: '3600' }));
    expect(callbackParams(fresh).get('code')).toBeTruthy();
  });

  it('deny on the consent page redirects with access_denied and the state', async () => {
    const client = await registerWebClient(ctx.admin);
    const person = await createPerson(ctx.admin);
    const browser = new BrowserSession(ctx.server.baseUrl);
    const page = await browser.follow(await submitLogin(browser, await browser.follow(await browser.get(authorizeUrl(client.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256' }))), person.username, person.password));
    const denied = callbackParams(await decideConsent(browser, page, 'deny'));
    expect(denied.get('error')).toBe('access_denied');
    expect(denied.get('state')).toBe('st-123');
    expect(denied.get('iss')).toBe(ctx.server.config.issuer);
  });

  it('publishes the sign-in endpoints in discovery', async () => {
    const metadata = await request(`${ctx.server.baseUrl}/.well-known/openid-configuration`);
    expect(metadata.body).toMatchObject({
      authorization_endpoint: `${ctx.server.config.issuer}/oauth2/authorize`,
      userinfo_endpoint: `${ctx.server.config.issuer}/oauth2/userinfo`,
      end_session_endpoint: `${ctx.server.config.issuer}/oauth2/logout`,
      response_types_supported: ['code', 'id_token'],
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['ES256', 'RS256'],
      code_challenge_methods_supported: ['S256', 'plain'],
      authorization_response_iss_parameter_supported: true,
      prompt_values_supported: expect.arrayContaining(['none', 'login', 'consent']),
      scopes_supported: expect.arrayContaining(['openid', 'profile', 'email', 'offline_access']),
      claims_supported: expect.arrayContaining(['sub', 'email', 'sid', 'acr', 'amr']),
      acr_values_supported: ['pwd', 'mfa', 'phr'],
      grant_types_supported: expect.arrayContaining(['authorization_code', 'refresh_token']),
    });
  });
});
