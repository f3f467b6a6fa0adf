import { basicAuth, decodeJwt, postForm, request } from '../support/http';
import { useTestServer } from '../support/server-fixture';
import { BrowserSession } from '../support/browser-session';
import { DpopKey, symmetricProof, unsignedProof } from '../support/dpop';
import { authorize, authorizeUrl, callbackParams, createPerson, introspect, pkce, RegisteredClient, registerWebClient, TokenSet } from '../support/sign-in';

describe('DPoP (RFC 9449) at the token, userinfo and introspection endpoints', () => {
  const ctx = useTestServer();
  let service: RegisteredClient;
  let webApp: RegisteredClient;
  let publicApp: RegisteredClient;
  let person: { username: string; password: string };
  let key: DpopKey;
  const tokenUrl = () => `${ctx.server.baseUrl}/oauth2/token`;
  const userinfoUrl = () => `${ctx.server.baseUrl}/oauth2/userinfo`;
  // RFC 9449 §4.3: htu is the endpoint's public URL, the one the issuer implies (here localhost, not the listening address).
  const tokenHtu = () => `${ctx.server.config.issuer}/oauth2/token`;
  const userinfoHtu = () => `${ctx.server.config.issuer}/oauth2/userinfo`;

  beforeAll(async () => {
    service = await ctx.admin.registerClient({ client_name: 'dpop service', grant_types: ['client_credentials'], scope: 'orders:read' });
    webApp = await registerWebClient(ctx.admin, { first_party: true });
    publicApp = await registerWebClient(ctx.admin, { first_party: true, token_endpoint_auth_method: 'none' });
    person = await createPerson(ctx.admin);
    key = await DpopKey.generate();
  });

  const clientCredentials = (headers: Record<string, string>) =>
    postForm<TokenSet>(tokenUrl(), { grant_type: 'client_credentials' }, { authorization: basicAuth(service.client_id, service.client_secret!), ...headers });

  async function tokenRequest(client: RegisteredClient, params: Record<string, string>, proof?: string) {
    const headers: Record<string, string> = proof ? { dpop: proof } : {};
    if (client.client_secret) headers.authorization = basicAuth(client.client_id, client.client_secret);
    return postForm<TokenSet>(tokenUrl(), client.client_secret ? params : { ...params, client_id: client.client_id }, headers);
  }

  /** A code for `client`, with `extra` authorize parameters, and its PKCE verifier. */
  async function codeFor(client: RegisteredClient, extra: Record<string, string> = {}) {
    const { verifier, challenge } = pkce();
    const url = authorizeUrl(client.client_id, { code_challenge: challenge, code_challenge_method: 'S256', scope: 'openid profile offline_access', ...extra });
    const code = callbackParams(await authorize(new BrowserSession(ctx.server.baseUrl), url, person)).get('code')!;
    return { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: 'https://app.example.com/callback' };
  }

  describe('token endpoint', () => {
    it('RFC 9449 §5: a valid proof yields token_type DPoP and cnf.jkt in the JWT; introspection tells both', async () => {
      const response = await clientCredentials({ dpop: await key.proof('POST', tokenHtu()) });
      expect(response.status).toBe(200);
      expect(response.body.token_type).toBe('DPoP');
      expect(decodeJwt(response.body.access_token).payload.cnf).toEqual({ jkt: key.jkt });
      expect(await introspect(ctx.server.baseUrl, service, response.body.access_token)).toMatchObject({ active: true, token_type: 'DPoP', cnf: { jkt: key.jkt } });
    });

    it('without a proof the token stays a Bearer token', async () => {
      const response = await clientCredentials({});
      expect(response.body.token_type).toBe('Bearer');
      expect(decodeJwt(response.body.access_token).payload.cnf).toBeUndefined();
    });

    it.each([
      ['a typ other than dpop+jwt', () => key.proof('POST', tokenHtu(), { typ: 'jwt' })],
      ['alg none', async () => unsignedProof('POST', tokenHtu(), key.publicJwk)],
      ['HS256 with an oct key', () => symmetricProof('POST', tokenHtu())],
      ['a private key in the header', () => key.proof('POST', tokenHtu(), { privateJwk: true })],
      ['another method', () => key.proof('GET', tokenHtu())],
      ['another URL', () => key.proof('POST', `${ctx.server.config.issuer}/oauth2/introspect`)],
      ['an iat ten minutes old', () => key.proof('POST', tokenHtu(), { iat: Math.floor(Date.now() / 1000) - 600 })],
      ['an iat in the future', () => key.proof('POST', tokenHtu(), { iat: Math.floor(Date.now() / 1000) + 600 })],
      ['not a JWT', async () => 'not-a-proof'],
    ])('RFC 9449 §4.3: refuses a proof with %s as invalid_dpop_proof', async (_case, makeProof) => {
      const response = await clientCredentials({ dpop: await makeProof() });
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('invalid_dpop_proof');
    });

    it('RFC 9449 §4.3 item 1: refuses two DPoP headers', async () => {
      const proof = await key.proof('POST', tokenHtu());
      const response = await clientCredentials({ dpop: `${proof}, ${proof}` });
      expect(response.body.error).toBe('invalid_dpop_proof');
    });

    it('RFC 9449 §11.1: a proof is used once; its replay is refused', async () => {
      const proof = await key.proof('POST', tokenHtu());
      expect((await clientCredentials({ dpop: proof })).status).toBe(200);
      const replay = await clientCredentials({ dpop: proof });
      expect(replay.status).toBe(400);
      expect(replay.body.error).toBe('invalid_dpop_proof');
    });

    it('the htu is compared after normalisation (case of scheme and host, default port)', async () => {
      const url = new URL(tokenHtu());
      const shouted = `HTTP://${url.host.toUpperCase()}${url.pathname}?ignored=1`;
      expect((await clientCredentials({ dpop: await key.proof('POST', shouted) })).status).toBe(200);
    });

    it('RFC 9449 §5.2: a client registered with dpop_bound_access_tokens must send a proof', async () => {
      const bound = await ctx.admin.registerClient({ client_name: 'bound', grant_types: ['client_credentials'], scope: 'orders:read', dpop_bound_access_tokens: true });
      expect(bound).toMatchObject({ dpop_bound_access_tokens: true });
      const headers = { authorization: basicAuth(bound.client_id, bound.client_secret!) };
      const without = await postForm(tokenUrl(), { grant_type: 'client_credentials' }, headers);
      expect(without.status).toBe(400);
      expect(without.body.error).toBe('invalid_request');
      const withProof = await postForm(tokenUrl(), { grant_type: 'client_credentials' }, { ...headers, dpop: await key.proof('POST', tokenHtu()) });
      expect(withProof.body.token_type).toBe('DPoP');
    });

    it('discovery lists dpop_signing_alg_values_supported', async () => {
      const metadata = await request(`${ctx.server.baseUrl}/.well-known/openid-configuration`);
      expect(metadata.body.dpop_signing_alg_values_supported).toEqual(expect.arrayContaining(['ES256', 'RS256', 'PS256', 'EdDSA']));
      expect(metadata.body.dpop_signing_alg_values_supported).not.toContain('none');
      expect(metadata.body.dpop_signing_alg_values_supported).not.toContain('HS256');
    });
  });

  it('a DPoP-bound admin token is refused by the admin API, which takes bearer tokens only (§7.2)', async () => {
    const admin = await ctx.admin.registerClient({ client_name: 'bound admin', grant_types: ['client_credentials'], scope: 'admin' });
    const headers = { authorization: basicAuth(admin.client_id, admin.client_secret!) };
    const bound = await postForm<TokenSet>(tokenUrl(), { grant_type: 'client_credentials', scope: 'admin' }, { ...headers, dpop: await key.proof('POST', tokenHtu()) });
    expect(bound.body.token_type).toBe('DPoP');
    const refused = await request(`${ctx.server.baseUrl}/admin/v1/clients`, { headers: { authorization: `Bearer ${bound.body.access_token}` } });
    expect(refused.status).toBe(401);
    const plain = await postForm<TokenSet>(tokenUrl(), { grant_type: 'client_credentials', scope: 'admin' }, headers);
    expect((await request(`${ctx.server.baseUrl}/admin/v1/clients`, { headers: { authorization: `Bearer ${plain.body.access_token}` } })).status).toBe(200);
  });

  describe('authorization code binding (RFC 9449 §10)', () => {
    it('a code bound with dpop_jkt is redeemed with a proof of that key', async () => {
      const params = await codeFor(webApp, { dpop_jkt: key.jkt });
      const response = await tokenRequest(webApp, params, await key.proof('POST', tokenHtu()));
      expect(response.status).toBe(200);
      expect(response.body.token_type).toBe('DPoP');
    });

    it('§10.1: a proof of another key, or none, is invalid_grant', async () => {
      const other = await DpopKey.generate();
      const params = await codeFor(webApp, { dpop_jkt: key.jkt });
      const response = await tokenRequest(webApp, params, await other.proof('POST', tokenHtu()));
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('invalid_grant');
      const unproven = await tokenRequest(webApp, await codeFor(webApp, { dpop_jkt: key.jkt }));
      expect(unproven.body.error).toBe('invalid_grant');
    });

    it('a malformed dpop_jkt is refused at the authorization endpoint', async () => {
      const { challenge } = pkce();
      const page = await new BrowserSession(ctx.server.baseUrl).get(authorizeUrl(webApp.client_id, { code_challenge: challenge, code_challenge_method: 'S256', dpop_jkt: 'short' }));
      expect(page.status).toBe(303);
      expect(new URL(page.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
    });
  });

  describe('refresh tokens (RFC 9449 §5)', () => {
    it("a public client's refresh token is bound to its key: another key, or no proof, is invalid_grant", async () => {
      const first = await tokenRequest(publicApp, await codeFor(publicApp), await key.proof('POST', tokenHtu()));
      expect(first.body.token_type).toBe('DPoP');
      const refresh = { grant_type: 'refresh_token', refresh_token: first.body.refresh_token! };
      const other = await DpopKey.generate();
      expect((await tokenRequest(publicApp, refresh, await other.proof('POST', tokenHtu()))).body.error).toBe('invalid_grant');
      expect((await tokenRequest(publicApp, refresh)).body.error).toBe('invalid_grant');
      // The refusals did not spend the token: its holder of the key still refreshes.
      const renewed = await tokenRequest(publicApp, refresh, await key.proof('POST', tokenHtu()));
      expect(renewed.status).toBe(200);
      expect(decodeJwt(renewed.body.access_token).payload.cnf).toEqual({ jkt: key.jkt });
    });

    it("a confidential client's refresh token is not bound; the new access token is bound to the proof of the refresh", async () => {
      const first = await tokenRequest(webApp, await codeFor(webApp), await key.proof('POST', tokenHtu()));
      const other = await DpopKey.generate();
      const renewed = await tokenRequest(webApp, { grant_type: 'refresh_token', refresh_token: first.body.refresh_token! }, await other.proof('POST', tokenHtu()));
      expect(renewed.status).toBe(200);
      expect(decodeJwt(renewed.body.access_token).payload.cnf).toEqual({ jkt: other.jkt });
    });
  });

  describe('userinfo (RFC 9449 §7)', () => {
    let token: string;

    beforeAll(async () => {
      token = (await tokenRequest(webApp, await codeFor(webApp), await key.proof('POST', tokenHtu()))).body.access_token;
    });

    const userinfo = (authorization: string, proof?: string, method = 'GET') =>
      request(userinfoUrl(), { method, headers: { authorization, ...(proof ? { dpop: proof } : {}) } });

    it('accepts Authorization: DPoP with a proof carrying ath, by GET and POST', async () => {
      const got = await userinfo(`DPoP ${token}`, await key.proof('GET', userinfoHtu(), { accessToken: token }));
      expect(got.status).toBe(200);
      expect(got.body.sub).toEqual(expect.any(String));
      const posted = await userinfo(`DPoP ${token}`, await key.proof('POST', userinfoHtu(), { accessToken: token }), 'POST');
      expect(posted.status).toBe(200);
    });

    it('§7.2: the bound token sent as Bearer is refused with a DPoP challenge', async () => {
      const response = await userinfo(`Bearer ${token}`);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^DPoP error="invalid_token".*algs="[^"]*ES256/);
    });

    it.each([
      ['no ath', () => key.proof('GET', userinfoHtu())],
      ['the ath of another token', () => key.proof('GET', userinfoHtu(), { accessToken: `${token}x` })],
      ['the token endpoint as htu', () => key.proof('GET', tokenHtu(), { accessToken: token })],
    ])('refuses a proof with %s: 401 invalid_dpop_proof in a DPoP challenge', async (_case, makeProof) => {
      const response = await userinfo(`DPoP ${token}`, await makeProof());
      expect(response.status).toBe(401);
      expect(response.body.error).toBe('invalid_dpop_proof');
      expect(response.headers.get('www-authenticate')).toMatch(/^DPoP error="invalid_dpop_proof".*algs="/);
    });

    it('refuses the DPoP scheme without a proof, and a proof of another key', async () => {
      expect((await userinfo(`DPoP ${token}`)).status).toBe(401);
      const other = await DpopKey.generate();
      const response = await userinfo(`DPoP ${token}`, await other.proof('GET', userinfoHtu(), { accessToken: token }));
      expect(response.status).toBe(401);
      expect(response.body.error).toBe('invalid_token');
    });

    it('offers both schemes to a request without a token', async () => {
      const response = await request(userinfoUrl());
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="userinfo", DPoP algs="/);
    });
  });
});
