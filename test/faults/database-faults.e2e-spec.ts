import { Client } from 'pg';
import { AdminApi } from '../support/admin';
import { basicAuth, postForm, request } from '../support/http';
import { startTestServer, TestServer, usesPostgres, ADMIN_PASSWORD, ADMIN_USERNAME } from '../support/test-server';
import { BrowserSession } from '../support/browser-session';
import { authorize, authorizeUrl, callbackParams, pkce, redeemCode, registerWebClient } from '../support/sign-in';
import { TcpProxy } from '../support/tcp-proxy';

/**
 * Fail closed under database faults (issue: hardening): a real network cut between the server and
 * PostgreSQL, a failure injected between consuming a code and storing its tokens, and a lock that would
 * hang a query forever without the statement timeout.
 */
(usesPostgres() ? describe : describe.skip)('database faults', () => {
  // Not useTestServer: the server reaches PostgreSQL through a TCP proxy the tests cut.
  let server: TestServer;
  let proxy: TcpProxy;
  let admin: AdminApi;
  let service: { client_id: string; client_secret?: string };
  let sql: Client;
  let directUrl: string;

  const clientToken = () =>
    postForm<{ access_token: string }>(`${server.baseUrl}/oauth2/token`, { grant_type: 'client_credentials' }, { authorization: basicAuth(service.client_id, service.client_secret!) });

  beforeAll(async () => {
    const target = new URL(process.env.DATABASE_URL!);
    proxy = await TcpProxy.start(target.hostname, Number(target.port || 5432));
    server = await startTestServer({ DB_STATEMENT_TIMEOUT_MS: '500' }, {
      rewriteDatabaseUrl: (url) => {
        const proxied = new URL(url);
        proxied.hostname = '127.0.0.1';
        proxied.port = String(proxy.port);
        return proxied.toString();
      },
    });
    admin = await AdminApi.connect(server);
    service = await admin.registerClient({ client_name: 'svc', grant_types: ['client_credentials'], scope: 'a' });
    const direct = new URL(process.env.DATABASE_URL!);
    direct.pathname = `/${server.databaseName}`;
    directUrl = direct.toString();
    sql = new Client({ connectionString: directUrl });
    await sql.connect();
  });

  afterAll(async () => {
    proxy.restore();
    await sql.end();
    await server.close();
    await proxy.close();
  });

  it('stays live, turns unready and fails closed while the database is cut off, then recovers without a restart', async () => {
    const token = (await clientToken()).body.access_token;
    const web = await registerWebClient(admin);
    proxy.sever();
    try {
      expect((await request(`${server.baseUrl}/health/live`)).status).toBe(200);
      expect((await request(`${server.baseUrl}/health/ready`)).status).toBe(503);

      const issued = await clientToken();
      expect(issued.status).toBe(503);
      expect(issued.body).toMatchObject({ error: 'temporarily_unavailable' });
      expect(issued.body).not.toHaveProperty('access_token');

      const introspected = await postForm(`${server.baseUrl}/oauth2/introspect`, { token }, { authorization: basicAuth(service.client_id, service.client_secret!) });
      expect(introspected.status).toBeGreaterThanOrEqual(500);
      expect(introspected.body).not.toHaveProperty('active', true);
      expect(['temporarily_unavailable', 'server_error']).toContain(introspected.body.error);

      const revoked = await postForm(`${server.baseUrl}/oauth2/revoke`, { token }, { authorization: basicAuth(service.client_id, service.client_secret!) });
      expect(revoked.status).toBeGreaterThanOrEqual(500);

      const page = await request(`${server.baseUrl}${authorizeUrl(web.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256' })}`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(503);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('location')).toBeNull();
      expect(page.text).toContain('unavailable');
    } finally {
      proxy.restore();
    }
    const recovered = await clientToken();
    expect(recovered.status).toBe(200);
    expect((await request(`${server.baseUrl}/health/ready`)).status).toBe(200);
    const after = await postForm(`${server.baseUrl}/oauth2/introspect`, { token }, { authorization: basicAuth(service.client_id, service.client_secret!) });
    expect(after.body).toMatchObject({ active: true });
  });

  it('leaves neither a consumed code nor tokens when storing the tokens fails (one transaction)', async () => {
    const web = await registerWebClient(admin);
    const browser = new BrowserSession(server.baseUrl);
    const { verifier, challenge } = pkce();
    const url = authorizeUrl(web.client_id, { scope: 'openid offline_access', code_challenge: challenge, code_challenge_method: 'S256' });
    const code = callbackParams(await authorize(browser, url, { username: ADMIN_USERNAME, password: ADMIN_PASSWORD })).get('code')!;

    await sql.query(`CREATE FUNCTION fail_refresh_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$`);
    await sql.query(`CREATE TRIGGER fail_refresh_insert BEFORE INSERT ON refresh_tokens FOR EACH ROW EXECUTE FUNCTION fail_refresh_insert()`);
    let failed;
    try {
      failed = await redeemCode(server.baseUrl, web, code, verifier);
    } finally {
      await sql.query(`DROP TRIGGER fail_refresh_insert ON refresh_tokens`);
      await sql.query(`DROP FUNCTION fail_refresh_insert()`);
    }
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ error: 'server_error', error_description: 'An unexpected error occurred' });
    expect((await sql.query(`SELECT count(*)::int AS n FROM refresh_tokens`)).rows[0].n).toBe(0);
    expect((await sql.query(`SELECT count(*)::int AS n FROM authorization_codes WHERE consumed_at IS NOT NULL`)).rows[0].n).toBe(0);

    // The code was not burnt: the client can redeem it once the fault is gone.
    const retried = await redeemCode(server.baseUrl, web, code, verifier);
    expect(retried.status).toBe(200);
    expect(retried.body.refresh_token).toEqual(expect.any(String));
  });

  it('answers within the statement timeout instead of hanging on a locked table', async () => {
    const token = (await clientToken()).body.access_token;
    const auth = { authorization: basicAuth(service.client_id, service.client_secret!) };
    const revoke = () => postForm(`${server.baseUrl}/oauth2/revoke`, { token }, auth);
    const locker = new Client({ connectionString: directUrl });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      // Revocation must write to the revocation list, which this lock makes wait forever.
      await locker.query('LOCK TABLE revoked_tokens IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const response = await revoke();
      const elapsed = Date.now() - started;
      // RFC 7009 §2.2.1: a 503 tells the client the token still exists and it may try again.
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ error: 'temporarily_unavailable' });
      expect(elapsed).toBeLessThan(3000);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    const introspect = () => postForm(`${server.baseUrl}/oauth2/introspect`, { token }, auth);
    expect((await introspect()).body).toMatchObject({ active: true });
    expect((await revoke()).status).toBe(200);
    expect((await introspect()).body).toEqual({ active: false });
  });
});
