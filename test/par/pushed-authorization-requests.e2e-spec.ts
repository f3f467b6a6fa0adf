import { DataSource } from 'typeorm';
import { useTestServer } from '../support/server-fixture';
import { basicAuth, HttpResult, postForm, request } from '../support/http';
import { BrowserSession } from '../support/browser-session';
import { authorize, authorizeUrl, CALLBACK, callbackParams, createPerson, pkce, redeemCode, registerWebClient, RegisteredClient } from '../support/sign-in';

type ParResponse = { request_uri: string; expires_in: number; error?: string };

function pushAs(baseUrl: string, client: RegisteredClient, params: Record<string, string>, headers: Record<string, string> = {}): Promise<HttpResult<ParResponse>> {
  const auth: Record<string, string> = client.client_secret ? { authorization: basicAuth(client.client_id, client.client_secret) } : {};
  const body = client.client_secret ? params : { client_id: client.client_id, ...params };
  return postForm<ParResponse>(`${baseUrl}/oauth2/par`, body, { ...auth, ...headers });
}

function requestParams(overrides: Record<string, string> = {}): { params: Record<string, string>; verifier: string } {
  const { verifier, challenge } = pkce();
  const params = { response_type: 'code', redirect_uri: CALLBACK, scope: 'openid profile', state: 'st-par', nonce: 'n-par', code_challenge: challenge, code_challenge_method: 'S256', ...overrides };
  return { params, verifier };
}

const byReference = (clientId: string, requestUri: string) => `/oauth2/authorize?${new URLSearchParams({ client_id: clientId, request_uri: requestUri })}`;

describe('RFC 9126 pushed authorization requests', () => {
  const ctx = useTestServer();
  let client: RegisteredClient;
  let person: { username: string; password: string };

  beforeAll(async () => {
    client = await registerWebClient(ctx.admin);
    person = await createPerson(ctx.admin);
  });

  it('§5: discovery names the endpoint and that pushing is not required of everyone', async () => {
    const metadata = await request(`${ctx.server.baseUrl}/.well-known/oauth-authorization-server`);
    expect(metadata.body).toMatchObject({ pushed_authorization_request_endpoint: `${ctx.server.config.issuer}/oauth2/par`, require_pushed_authorization_requests: false });
  });

  it('§2.2 and §4: push -> 201 request_uri -> authorize by reference -> code -> tokens', async () => {
    const { params, verifier } = requestParams();
    const pushed = await pushAs(ctx.server.baseUrl, client, params);
    expect(pushed.status).toBe(201);
    expect(pushed.headers.get('cache-control')).toBe('no-store');
    expect(pushed.body.request_uri).toMatch(/^urn:ietf:params:oauth:request_uri:[\w-]{43}$/);
    expect(pushed.body.expires_in).toBe(60);

    const callback = callbackParams(await authorize(new BrowserSession(ctx.server.baseUrl), byReference(client.client_id, pushed.body.request_uri), person));
    expect(callback.get('state')).toBe('st-par');
    const tokens = await redeemCode(ctx.server.baseUrl, client, callback.get('code')!, verifier);
    expect(tokens.status).toBe(200);
    expect(tokens.body.scope).toBe('openid profile');
  });

  it('§4: a request_uri is used once; the second use shows the error page and redirects nowhere', async () => {
    const pushed = await pushAs(ctx.server.baseUrl, client, requestParams().params);
    const url = byReference(client.client_id, pushed.body.request_uri);
    expect((await new BrowserSession(ctx.server.baseUrl).get(url)).status).toBe(303);
    const again = await new BrowserSession(ctx.server.baseUrl).get(url);
    expect({ status: again.status, location: again.location }).toEqual({ status: 400, location: undefined });
  });

  it('§4: of two concurrent uses of one request_uri, exactly one starts the sign-in', async () => {
    const pushed = await pushAs(ctx.server.baseUrl, client, requestParams().params);
    const url = byReference(client.client_id, pushed.body.request_uri);
    const answers = await Promise.all([new BrowserSession(ctx.server.baseUrl).get(url), new BrowserSession(ctx.server.baseUrl).get(url)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([303, 400]);
  });

  it('a browser app on another origin may push (CORS, no credentials)', async () => {
    const preflight = await request(`${ctx.server.baseUrl}/oauth2/par`, {
      method: 'OPTIONS',
      headers: { origin: 'https://spa.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect({ status: preflight.status, origin: preflight.headers.get('access-control-allow-origin') }).toEqual({ status: 204, origin: '*' });
  });

  it('§4: another client cannot use the request_uri, and it stays usable by the client that pushed it', async () => {
    const other = await registerWebClient(ctx.admin);
    const pushed = await pushAs(ctx.server.baseUrl, client, requestParams().params);
    const stolen = await new BrowserSession(ctx.server.baseUrl).get(byReference(other.client_id, pushed.body.request_uri));
    expect({ status: stolen.status, location: stolen.location }).toEqual({ status: 400, location: undefined });
    const missingId = await new BrowserSession(ctx.server.baseUrl).get(`/oauth2/authorize?request_uri=${encodeURIComponent(pushed.body.request_uri)}`);
    expect(missingId.status).toBe(400);
    expect((await new BrowserSession(ctx.server.baseUrl).get(byReference(client.client_id, pushed.body.request_uri))).status).toBe(303);
  });

  it('§2.2: an expired request_uri is refused', async () => {
    const pushed = await pushAs(ctx.server.baseUrl, client, requestParams().params);
    await ctx.server.app.get(DataSource).query(`UPDATE pushed_authorization_requests SET expires_at = now() - interval '1 second'`);
    const late = await new BrowserSession(ctx.server.baseUrl).get(byReference(client.client_id, pushed.body.request_uri));
    expect({ status: late.status, location: late.location }).toEqual({ status: 400, location: undefined });
  });

  it.each([
    ['§2.1: request_uri in the pushed body', { request_uri: 'urn:ietf:params:oauth:request_uri:abc' }, 'invalid_request'],
    ['an unregistered redirect_uri', { redirect_uri: 'https://evil.example/cb' }, 'invalid_request'],
    ['a missing redirect_uri', { redirect_uri: '' }, 'invalid_request'],
    ['a scope the client may not request', { scope: 'openid admin' }, 'invalid_scope'],
    ['an unsupported response_type', { response_type: 'token' }, 'unsupported_response_type'],
    ['a malformed code_challenge', { code_challenge: 'short' }, 'invalid_request'],
    ['a request object', { request: 'eyJhbGciOiJub25lIn0.e30.' }, 'request_not_supported'],
  ])('§2.3: %s is answered 400 %s as JSON', async (_name, overrides, error) => {
    const params = requestParams(overrides).params;
    for (const [name, value] of Object.entries(params)) if (value === '') delete params[name];
    const response = await pushAs(ctx.server.baseUrl, client, params);
    expect({ status: response.status, error: response.body.error, type: response.headers.get('content-type') }).toEqual({ status: 400, error, type: expect.stringContaining('application/json') });
  });

  it('§2.3: the client authenticates as at the token endpoint', async () => {
    const wrongSecret = await pushAs(ctx.server.baseUrl, { client_id: client.client_id, client_secret: 'wrong' }, requestParams().params);
    expect({ status: wrongSecret.status, error: wrongSecret.body.error }).toEqual({ status: 401, error: 'invalid_client' });
    const noAuth = await postForm(`${ctx.server.baseUrl}/oauth2/par`, { ...requestParams().params, client_id: client.client_id });
    expect({ status: noAuth.status, error: noAuth.body.error }).toEqual({ status: 401, error: 'invalid_client' });
    const otherId = await pushAs(ctx.server.baseUrl, client, { ...requestParams().params, client_id: 'someone-else' });
    expect({ status: otherId.status, error: otherId.body.error }).toEqual({ status: 400, error: 'invalid_request' });
  });

  it('§2.1: a public client identifies with client_id, and its PKCE rules apply', async () => {
    const spa = await registerWebClient(ctx.admin, { token_endpoint_auth_method: 'none', grant_types: ['authorization_code'] });
    expect((await pushAs(ctx.server.baseUrl, spa, requestParams().params)).status).toBe(201);
    const withoutPkce = requestParams().params;
    delete withoutPkce.code_challenge;
    delete withoutPkce.code_challenge_method;
    const refused = await pushAs(ctx.server.baseUrl, spa, withoutPkce);
    expect({ status: refused.status, error: refused.body.error }).toEqual({ status: 400, error: 'invalid_request' });
  });

  it('§6: a client registered with require_pushed_authorization_requests may not send its request directly', async () => {
    const strict = await registerWebClient(ctx.admin, { require_pushed_authorization_requests: true });
    expect((await ctx.admin.send('GET', `/admin/v1/clients/${strict.client_id}`)).body).toMatchObject({ require_pushed_authorization_requests: true });
    const direct = await new BrowserSession(ctx.server.baseUrl).get(authorizeUrl(strict.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256' }));
    expect(callbackParams(direct).get('error')).toBe('invalid_request');
    const pushed = await pushAs(ctx.server.baseUrl, strict, requestParams().params);
    expect(callbackParams(await authorize(new BrowserSession(ctx.server.baseUrl), byReference(strict.client_id, pushed.body.request_uri), person)).get('code')).toBeTruthy();
  });
});

describe('RFC 9126 §5: REQUIRE_PAR', () => {
  const ctx = useTestServer({ REQUIRE_PAR: 'true', PAR_REQUEST_TTL: '30' });

  it('discovery says so, a direct request is refused and a pushed one goes through', async () => {
    const metadata = await request(`${ctx.server.baseUrl}/.well-known/openid-configuration`);
    expect(metadata.body.require_pushed_authorization_requests).toBe(true);
    const client = await registerWebClient(ctx.admin);
    const direct = await new BrowserSession(ctx.server.baseUrl).get(authorizeUrl(client.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256' }));
    expect(callbackParams(direct).get('error')).toBe('invalid_request');
    const pushed = await pushAs(ctx.server.baseUrl, client, requestParams().params);
    expect({ status: pushed.status, expires_in: pushed.body.expires_in }).toEqual({ status: 201, expires_in: 30 });
    const start = await new BrowserSession(ctx.server.baseUrl).get(byReference(client.client_id, pushed.body.request_uri));
    expect({ status: start.status, location: start.location }).toEqual({ status: 303, location: expect.stringMatching(/^\/login\?/) });
  });
});
