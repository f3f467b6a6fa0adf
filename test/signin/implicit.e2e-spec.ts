import { createRemoteJWKSet, jwtVerify } from 'jose';
import { createGroup } from '../support/groups';
import { useTestServer } from '../support/server-fixture';
import { BrowserSession, PageResult } from '../support/browser-session';
import { authorize, authorizeUrl, CALLBACK, createPerson, RegisteredClient, registerWebClient } from '../support/sign-in';

/** The parameters of a redirect to the client that carries them in the fragment. */
function fragmentParams(result: PageResult): URLSearchParams {
  if (result.status !== 303 || !result.location) throw new Error(`expected a redirect to the client, got ${result.status}: ${result.text.slice(0, 300)}`);
  const url = new URL(result.location);
  expect(`${url.origin}${url.pathname}`).toBe(CALLBACK);
  expect(url.search).toBe('');
  return new URLSearchParams(url.hash.slice(1));
}

describe('implicit sign-in (OIDC Core §3.2, response_type=id_token)', () => {
  const ctx = useTestServer();
  let implicit: RegisteredClient;
  let codeOnly: RegisteredClient;
  let person: { id: string; username: string; password: string };
  const signIn = (params: Record<string, string>) => ({ response_type: 'id_token', scope: 'openid profile email', ...params });

  beforeAll(async () => {
    implicit = await ctx.admin.registerClient({
      client_name: 'Legacy SPA', redirect_uris: [CALLBACK], grant_types: ['implicit'], response_types: ['id_token'],
      token_endpoint_auth_method: 'none', scope: 'openid profile email',
    });
    codeOnly = await registerWebClient(ctx.admin);
    person = await createPerson(ctx.admin);
  });

  it('returns a verifiable ID Token with nonce and sid and no at_hash in the fragment, and records the app on the session', async () => {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const result = await authorize(browser, authorizeUrl(implicit.client_id, signIn({ nonce: 'n-implicit' })), person);
    const params = fragmentParams(result);
    expect([...params.keys()].sort()).toEqual(['id_token', 'iss', 'state']);
    expect(params.get('state')).toBe('st-123');
    expect(params.get('iss')).toBe(ctx.server.config.issuer);
    const jwks = createRemoteJWKSet(new URL(`${ctx.server.baseUrl}/oauth2/jwks`));
    const { payload } = await jwtVerify(params.get('id_token')!, jwks, { issuer: ctx.server.config.issuer, audience: implicit.client_id });
    expect(payload).toMatchObject({ sub: person.id, nonce: 'n-implicit', email: `${person.username}@example.com`, name: 'Ada Lovelace' });
    expect(typeof payload.sid).toBe('string');
    // OIDC Core §2: how and when the person signed in, as in a code flow's ID Token.
    expect(payload).toMatchObject({ acr: 'pwd', amr: ['pwd'] });
    expect(typeof payload.auth_time).toBe('number');
    expect(payload.at_hash).toBeUndefined();
    expect(payload.c_hash).toBeUndefined();

    const sessions = await ctx.admin.get<{ items: Array<{ id: string; apps: Array<{ client_id: string }> }> }>(`/admin/v1/users/${person.id}/sessions`);
    const session = sessions.body.items.find((item) => item.id === payload.sid);
    expect(session?.apps.map((app) => app.client_id)).toContain(implicit.client_id);
  });

  it('the ID Token cannot be used at the token endpoint: implicit is no grant there', async () => {
    const response = await fetch(`${ctx.server.baseUrl}/oauth2/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'implicit', client_id: implicit.client_id }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe('unsupported_grant_type');
  });

  async function expectFragmentError(clientId: string, params: Record<string, string>, error: string): Promise<URLSearchParams> {
    const response = await new BrowserSession(ctx.server.baseUrl).get(authorizeUrl(clientId, params));
    const callback = fragmentParams(response);
    expect(callback.get('error')).toBe(error);
    expect(callback.get('state')).toBe('st-123');
    expect(callback.get('iss')).toBe(ctx.server.config.issuer);
    expect(callback.get('id_token')).toBeNull();
    return callback;
  }

  it.each([
    ['token', 'token'],
    ['id_token token', 'id_token token'],
    ['token id_token (any order)', 'token id_token'],
    ['the hybrid code id_token', 'code id_token'],
    ['the hybrid code token', 'code token'],
  ])('RFC 9700 §2.1.2: response_type=%s is unsupported_response_type, in the fragment', async (_name, responseType) => {
    await expectFragmentError(implicit.client_id, { response_type: responseType }, 'unsupported_response_type');
  });

  it('OIDC Core §3.2.2.1: a missing nonce is invalid_request, in the fragment', async () => {
    await expectFragmentError(implicit.client_id, signIn({ nonce: '' }), 'invalid_request');
  });

  it('OIDC Core §3.2.2.1: response_type=id_token without the openid scope is invalid_request', async () => {
    await expectFragmentError(implicit.client_id, signIn({ scope: 'profile' }), 'invalid_request');
  });

  it('OAuth 2.0 Multiple Response Types §5: an ID Token is never sent in the query', async () => {
    await expectFragmentError(implicit.client_id, signIn({ response_mode: 'query' }), 'invalid_request');
  });

  it('OIDC Core §3.1.2.6: prompt=none without a session is login_required, in the fragment', async () => {
    await expectFragmentError(implicit.client_id, signIn({ prompt: 'none' }), 'login_required');
  });

  it('the app-access rules apply: a person outside the allowed groups gets access_denied, and no ID Token', async () => {
    await createGroup(ctx.admin, 'implicit-admitted');
    const restricted = await ctx.admin.registerClient({
      client_name: 'Restricted legacy SPA', redirect_uris: [CALLBACK], grant_types: ['implicit'], response_types: ['id_token'],
      token_endpoint_auth_method: 'none', scope: 'openid', first_party: true, allowed_groups: ['implicit-admitted'],
    });
    const result = await authorize(new BrowserSession(ctx.server.baseUrl), authorizeUrl(restricted.client_id, signIn({ scope: 'openid' })), person);
    const params = fragmentParams(result);
    expect(params.get('error')).toBe('access_denied');
    expect(params.get('id_token')).toBeNull();
  });

  it('a client without the implicit grant gets unauthorized_client', async () => {
    await expectFragmentError(codeOnly.client_id, signIn({}), 'unauthorized_client');
  });

  it('a client with only the implicit grant gets unauthorized_client for the code flow', async () => {
    const response = await new BrowserSession(ctx.server.baseUrl).get(authorizeUrl(implicit.client_id, { response_type: 'code' }));
    expect(new URL(response.location!).searchParams.get('error')).toBe('unauthorized_client');
  });

  describe('registration (RFC 7591 §2.1: response_types agree with grant_types)', () => {
    it('implicit alone defaults response_types to id_token; with the code grant to both', async () => {
      const alone = await ctx.admin.send<{ response_types: string[] }>('POST', '/admin/v1/clients', {
        client_name: 'Implicit only', redirect_uris: [CALLBACK], grant_types: ['implicit'], scope: 'openid',
      });
      expect(alone.status).toBe(201);
      expect(alone.body.response_types).toEqual(['id_token']);
      const both = await ctx.admin.send<{ response_types: string[] }>('POST', '/admin/v1/clients', {
        client_name: 'Both', redirect_uris: [CALLBACK], grant_types: ['authorization_code', 'implicit'], scope: 'openid',
      });
      expect(both.body.response_types).toEqual(['code', 'id_token']);
    });

    it.each([
      ['id_token without implicit', { grant_types: ['authorization_code'], response_types: ['code', 'id_token'] }, 'invalid_client_metadata', 'response_types'],
      ['implicit without id_token', { grant_types: ['authorization_code', 'implicit'], response_types: ['code'] }, 'invalid_client_metadata', 'response_types'],
      ['implicit with refresh_token only', { grant_types: ['implicit', 'refresh_token'] }, 'invalid_client_metadata', 'grant_types'],
      ['implicit without a redirect URI', { grant_types: ['implicit'], redirect_uris: [] }, 'invalid_redirect_uri', 'redirect_uris'],
      ['the token response type', { grant_types: ['implicit'], response_types: ['id_token', 'token'] }, 'invalid_client_metadata', 'response_types'],
    ])('refuses %s', async (_name, metadata, error, field) => {
      const response = await ctx.admin.send<{ error: string; field_errors?: Record<string, string> }>('POST', '/admin/v1/clients', {
        client_name: 'Bad', redirect_uris: [CALLBACK], scope: 'openid', ...metadata,
      });
      expect(response.status).toBe(400);
      expect(response.body.error).toBe(error);
      expect(JSON.stringify(response.body)).toContain(field);
    });
  });

  it('discovery lists id_token, the implicit grant and the response modes', async () => {
    const metadata = (await (await fetch(`${ctx.server.baseUrl}/.well-known/openid-configuration`)).json()) as Record<string, string[]>;
    expect(metadata.response_types_supported).toEqual(['code', 'id_token']);
    expect(metadata.response_modes_supported).toEqual(['query', 'fragment', 'form_post']);
    expect(metadata.grant_types_supported).toContain('implicit');
  });
});
