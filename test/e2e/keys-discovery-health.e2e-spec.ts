import { Client } from 'pg';
import { AdminApi } from '../support/admin';
import { basicAuth, decodeJwt, postForm, request } from '../support/http';
import { startTestServer, TestServer, usesPostgres } from '../support/test-server';

describe('discovery, JWKS, key rotation and health', () => {
  // Not useTestServer: a test restarts the server and connects the admin API again.
  let server: TestServer;
  let admin: AdminApi;
  let service: { client_id: string; client_secret?: string };

  const token = async () => {
    const response = await postForm<{ access_token: string }>(`${server.baseUrl}/oauth2/token`, { grant_type: 'client_credentials' }, { authorization: basicAuth(service.client_id, service.client_secret!) });
    return response.body.access_token;
  };
  const introspect = async (value: string) =>
    (await postForm(`${server.baseUrl}/oauth2/introspect`, { token: value }, { authorization: basicAuth(service.client_id, service.client_secret!) })).body;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await AdminApi.connect(server);
    service = await admin.registerClient({ client_name: 'svc', grant_types: ['client_credentials'], scope: 'a' });
  });

  afterAll(async () => server.close());

  it.each(['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration'])('publishes metadata at %s (RFC 8414 §3)', async (path) => {
    const response = await request(`${server.baseUrl}${path}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      issuer: server.config.issuer,
      token_endpoint: `${server.config.issuer}/oauth2/token`,
      jwks_uri: `${server.config.issuer}/oauth2/jwks`,
      introspection_endpoint: `${server.config.issuer}/oauth2/introspect`,
      revocation_endpoint: `${server.config.issuer}/oauth2/revoke`,
      token_endpoint_auth_methods_supported: expect.arrayContaining(['client_secret_basic', 'client_secret_post', 'none']),
    });
    expect(response.body.grant_types_supported).toEqual(expect.arrayContaining(['client_credentials']));
  });

  it('publishes the signing key, the next one and the RS256 ID token keys as a JWKS without private parts', async () => {
    const response = await request<{ keys: Array<Record<string, unknown>> }>(`${server.baseUrl}/oauth2/jwks`);
    expect(response.status).toBe(200);
    const ec = response.body.keys.filter((key) => key.kty === 'EC');
    const rsa = response.body.keys.filter((key) => key.kty === 'RSA');
    expect(ec).toHaveLength(2);
    expect(rsa).toHaveLength(2);
    for (const key of ec) expect(key).toMatchObject({ crv: 'P-256', alg: 'ES256', use: 'sig', kid: expect.any(String) });
    for (const key of rsa) expect(key).toMatchObject({ alg: 'RS256', use: 'sig', kid: expect.any(String), n: expect.any(String), e: 'AQAB' });
    for (const key of response.body.keys) {
      for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key).not.toHaveProperty(secret);
    }
    const signingKid = decodeJwt(await token()).header.kid;
    expect(response.body.keys.map((key) => key.kid)).toContain(signingKid);
  });

  it('rotates to the key it already published, so verifiers holding the JWKS know it', async () => {
    const published = (await request<{ keys: Array<{ kid: string }> }>(`${server.baseUrl}/oauth2/jwks`)).body.keys.map((key) => key.kid);
    const before = await token();
    const rotated = await admin.send('POST', '/admin/v1/keys/rotate', {});
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({ alg: 'ES256', status: 'active' });
    expect(published).toContain(rotated.body.kid);
    expect(decodeJwt(await token()).header.kid).toBe(rotated.body.kid);
    expect((await introspect(before)).active).toBe(true);
    const listed = await admin.get<{ items: Array<{ status: string; purpose: string }> }>('/admin/v1/keys');
    for (const purpose of ['tokens', 'id_token']) {
      const keys = listed.body.items.filter((key) => key.purpose === purpose);
      expect(keys.filter((key) => key.status === 'next')).toHaveLength(1);
      expect(keys.filter((key) => key.status === 'active')).toHaveLength(1);
    }
  });

  it('rotates keys: new tokens use the new key, old tokens stay valid, both keys are published', async () => {
    const before = await token();
    const oldKid = decodeJwt(before).header.kid;
    const rotated = await admin.send('POST', '/admin/v1/keys/rotate', { alg: 'RS256' });
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({ alg: 'RS256', status: 'active' });
    const after = await token();
    expect(decodeJwt(after).header).toMatchObject({ kid: rotated.body.kid, alg: 'RS256' });
    expect((await introspect(before)).active).toBe(true);
    expect((await introspect(after)).active).toBe(true);
    const jwks = await request<{ keys: Array<{ kid: string }> }>(`${server.baseUrl}/oauth2/jwks`);
    expect(jwks.body.keys.map((key) => key.kid)).toEqual(expect.arrayContaining([oldKid, rotated.body.kid]));
    const listed = await admin.get<{ items: Array<{ kid: string; status: string; expires_at: string | null }> }>('/admin/v1/keys');
    expect(listed.body.items.find((key) => key.kid === oldKid)).toMatchObject({ status: 'retired', expires_at: expect.any(String) });
  });

  it('rejects an unknown algorithm for rotation', async () => {
    const response = await admin.send('POST', '/admin/v1/keys/rotate', { alg: 'none' });
    expect(response.status).toBe(400);
    expect(response.body.fields).toHaveProperty('alg');
  });

  it('reports liveness and readiness', async () => {
    expect((await request(`${server.baseUrl}/health/live`)).body).toEqual({ status: 'ok' });
    const ready = await request(`${server.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', checks: { database: 'up' } });
  });

  it('answers unknown paths with a JSON 404', async () => {
    const response = await request(`${server.baseUrl}/nope`);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: 'not_found', error_description: 'Not found' });
  });

  (usesPostgres() ? it : it.skip)('answers 503 during a database outage and recovers when it returns', async () => {
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const name = server.databaseName!;
    try {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
      const ready = await request(`${server.baseUrl}/health/ready`);
      expect(ready.status).toBe(503);
      expect((await request(`${server.baseUrl}/health/live`)).status).toBe(200);
      const tokenResponse = await postForm(`${server.baseUrl}/oauth2/token`, { grant_type: 'client_credentials' }, { authorization: basicAuth(service.client_id, service.client_secret!) });
      expect(tokenResponse.status).toBe(503);
      expect(tokenResponse.body.error).toBe('temporarily_unavailable');
      expect(tokenResponse.body).not.toHaveProperty('access_token');
      const list = await admin.query('SELECT 1');
      expect(list.rowCount).toBe(1);
    } finally {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    await expect(token()).resolves.toEqual(expect.any(String));
    expect((await request(`${server.baseUrl}/health/ready`)).status).toBe(200);
  });

  (usesPostgres() ? it : it.skip)('keeps the bootstrap client and keys across a restart (idempotent bootstrap)', async () => {
    const before = await token();
    await server.restart();
    admin = await AdminApi.connect(server);
    expect((await introspect(before)).active).toBe(true);
    const clients = await admin.get<{ items: Array<{ client_id: string }> }>('/admin/v1/clients?limit=100');
    expect(clients.body.items.filter((client) => client.client_id === 'test-admin')).toHaveLength(1);
  });
});
