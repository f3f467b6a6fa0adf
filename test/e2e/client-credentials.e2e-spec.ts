import { basicAuth, decodeJwt, postForm, request } from '../support/http';
import { ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET } from '../support/test-server';
import { useTestServer } from '../support/server-fixture';

describe('POST /oauth2/token with grant_type=client_credentials', () => {
  const ctx = useTestServer();
  let service: { client_id: string; client_secret?: string };
  let tokenUrl: string;

  beforeAll(async () => {
    tokenUrl = `${ctx.server.baseUrl}/oauth2/token`;
    service = await ctx.admin.registerClient({
      client_name: 'orders service',
      grant_types: ['client_credentials'],
      scope: 'orders:read orders.write',
    });
  });

  it('issues an RFC 9068 JWT access token with client_secret_basic', async () => {
    const response = await postForm(tokenUrl, { grant_type: 'client_credentials' }, { authorization: basicAuth(service.client_id, service.client_secret!) });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600, scope: 'orders:read orders.write' });
    const { header, payload } = decodeJwt(response.body.access_token as string);
    expect(header).toMatchObject({ typ: 'at+jwt', alg: 'ES256', kid: expect.any(String) });
    expect(payload).toMatchObject({
      iss: ctx.server.config.issuer,
      sub: service.client_id,
      aud: ctx.server.config.issuer,
      client_id: service.client_id,
      scope: 'orders:read orders.write',
      jti: expect.any(String),
    });
    expect((payload.exp as number) - (payload.iat as number)).toBe(3600);
  });

  it('accepts client_secret_post', async () => {
    const response = await postForm(tokenUrl, {
      grant_type: 'client_credentials',
      client_id: service.client_id,
      client_secret: service.client_secret!,
      scope: 'orders:read',
    });
    expect(response.status).toBe(200);
    expect(response.body.scope).toBe('orders:read');
  });

  it('decodes form-encoded credentials in the Basic header (RFC 6749 §2.3.1)', async () => {
    const odd = await ctx.admin.registerClient({ client_name: 'odd', grant_types: ['client_credentials'], scope: 'a' });
    const header = `Basic ${Buffer.from(`${encodeURIComponent(odd.client_id)}:${encodeURIComponent(odd.client_secret!)}`).toString('base64')}`;
    const response = await postForm(tokenUrl, { grant_type: 'client_credentials' }, { authorization: header });
    expect(response.status).toBe(200);
  });

  it('rejects a scope outside the client registration with invalid_scope (RFC 6749 §5.2)', async () => {
    const response = await postForm(tokenUrl, { grant_type: 'client_credentials', scope: 'orders:read admin' }, { authorization: basicAuth(service.client_id, service.client_secret!) });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_scope');
  });

  it('answers a wrong secret and an unknown client alike: 401 invalid_client with a Basic challenge', async () => {
    const wrongSecret = await postForm(tokenUrl, { grant_type: 'client_credentials' }, { authorization: basicAuth(service.client_id, 'nope') });
    const unknown = await postForm(tokenUrl, { grant_type: 'client_credentials' }, { authorization: basicAuth('no-such-client', 'nope') });
    for (const response of [wrongSecret, unknown]) {
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ error: 'invalid_client', error_description: 'Client authentication failed' });
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic /);
    }
  });

  it('answers failed client_secret_post with 401 invalid_client and no Basic challenge', async () => {
    const response = await postForm(tokenUrl, { grant_type: 'client_credentials', client_id: service.client_id, client_secret: 'wrong' });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('invalid_client');
    expect(response.headers.get('www-authenticate')).toBeNull();
  });

  it('rejects two authentication methods in one request (RFC 6749 §2.3)', async () => {
    const response = await postForm(
      tokenUrl,
      { grant_type: 'client_credentials', client_secret: service.client_secret! },
      { authorization: basicAuth(service.client_id, service.client_secret!) },
    );
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_request');
  });

  it('rejects requests without any client authentication', async () => {
    const response = await postForm(tokenUrl, { grant_type: 'client_credentials' });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('invalid_client');
  });

  it('answers unsupported_grant_type for an unknown grant (RFC 6749 §5.2)', async () => {
    const response = await postForm(tokenUrl, { grant_type: 'password', username: 'a', password: 'b' }, { authorization: basicAuth(service.client_id, service.client_secret!) });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('unsupported_grant_type');
  });

  it('answers unauthorized_client when the client is not registered for the grant', async () => {
    const web = await ctx.admin.registerClient({ client_name: 'web', redirect_uris: ['https://app.example.com/cb'], scope: 'openid' });
    const response = await postForm(tokenUrl, { grant_type: 'client_credentials' }, { authorization: basicAuth(web.client_id, web.client_secret!) });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('unauthorized_client');
  });

  it('answers invalid_request for a missing grant_type', async () => {
    const response = await postForm(tokenUrl, {}, { authorization: basicAuth(service.client_id, service.client_secret!) });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_request');
  });

  it('answers invalid_request for a repeated parameter (RFC 6749 §3.1)', async () => {
    const response = await postForm(tokenUrl, { grant_type: ['client_credentials', 'client_credentials'] }, { authorization: basicAuth(service.client_id, service.client_secret!) });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: 'invalid_request', error_description: 'The parameter grant_type was sent more than once' });
  });

  it('answers invalid_request for a JSON body (RFC 6749 §3.2 requires a form)', async () => {
    const response = await request(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basicAuth(service.client_id, service.client_secret!) },
      body: JSON.stringify({ grant_type: 'client_credentials' }),
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_request');
  });

  it('answers an unknown content type with a JSON error, not a framework page', async () => {
    const response = await request(tokenUrl, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'grant_type=client_credentials' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.body.error).toBe('invalid_request');
  });

  it('answers an oversized body with 413 and a JSON error', async () => {
    const response = await postForm(tokenUrl, { grant_type: 'client_credentials', padding: 'x'.repeat(200_000) });
    expect(response.status).toBe(413);
    expect(response.body.error).toBe('invalid_request');
  });

  it('only answers POST', async () => {
    const response = await request(tokenUrl);
    expect(response.status).toBe(404);
    expect(response.body.error).toBe('not_found');
  });

  it('lets the bootstrap admin client request the admin scope', async () => {
    const response = await postForm(tokenUrl, { grant_type: 'client_credentials' }, { authorization: basicAuth(ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET) });
    expect(response.status).toBe(200);
    expect(response.body.scope).toBe('admin');
  });
});
