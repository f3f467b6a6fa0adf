import { Client } from 'pg';
import { useTestServer } from '../support/server-fixture';
import { usesPostgres } from '../support/test-server';
import { BrowserSession } from '../support/browser-session';
import { authorize, authorizeUrl, CALLBACK, callbackParams, createPerson, introspect, pkce, registerWebClient, RegisteredClient, tokenRequest } from '../support/sign-in';

const LEDGER = 'https://ledger.refresh-atomicity.example.com';

/**
 * A refresh either happens whole (rotation and every token of the answer) or not at all. The fault: the
 * server's own database connection is terminated (pg_terminate_backend) while it stores the answer's
 * reference access token, after the refresh token was rotated. The client gets 503 and retries with the
 * same refresh token, which must work: the failed attempt left nothing behind to count as a reuse.
 */
(usesPostgres() ? describe : describe.skip)('refresh token rotation under a dropped database connection', () => {
  const ctx = useTestServer();
  let client: RegisteredClient;
  let api: RegisteredClient;
  let sql: Client;

  beforeAll(async () => {
    const registered = await ctx.admin.send<{ client_id: string; client_secret: string }>('POST', '/admin/v1/apis', {
      identifier: LEDGER, name: 'Ledger', scopes: [{ name: 'ledger:read' }], access_token_format: 'opaque',
    });
    expect(registered.status).toBe(201);
    api = registered.body;
    client = await registerWebClient(ctx.admin, { first_party: true, scope: 'openid offline_access ledger:read' });
  });

  // A direct connection of the test's own per test: the fixture drops the database after all tests.
  beforeEach(async () => {
    const direct = new URL(process.env.DATABASE_URL!);
    direct.pathname = `/${ctx.server.databaseName}`;
    sql = new Client({ connectionString: direct.toString() });
    await sql.connect();
  });

  afterEach(async () => {
    await sql.end();
  });

  async function grant(): Promise<string> {
    const { verifier, challenge } = pkce();
    const url = authorizeUrl(client.client_id, { code_challenge: challenge, code_challenge_method: 'S256', scope: 'openid offline_access ledger:read', resource: LEDGER });
    const code = callbackParams(await authorize(new BrowserSession(ctx.server.baseUrl), url, await createPerson(ctx.admin))).get('code')!;
    const tokens = await tokenRequest(ctx.server.baseUrl, client, { grant_type: 'authorization_code', code, redirect_uri: CALLBACK, code_verifier: verifier });
    expect(tokens.status).toBe(200);
    return tokens.body.refresh_token!;
  }

  /** While armed, the server connection that stores a reference access token is terminated mid-statement. */
  async function withTerminatedTokenStore<T>(run: () => Promise<T>): Promise<T> {
    await sql.query(`CREATE FUNCTION terminate_own_backend() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END $$`);
    await sql.query(`CREATE TRIGGER terminate_own_backend BEFORE INSERT ON opaque_access_tokens FOR EACH ROW EXECUTE FUNCTION terminate_own_backend()`);
    try {
      return await run();
    } finally {
      await sql.query(`DROP TRIGGER terminate_own_backend ON opaque_access_tokens`);
      await sql.query(`DROP FUNCTION terminate_own_backend()`);
    }
  }

  it('answers 503 without rotating, and the retry with the same refresh token succeeds and keeps the grant', async () => {
    const refreshToken = await grant();
    const rowsBefore = (await sql.query(`SELECT count(*)::int AS n FROM refresh_tokens`)).rows[0].n;
    const failed = await withTerminatedTokenStore(() =>
      tokenRequest(ctx.server.baseUrl, client, { grant_type: 'refresh_token', refresh_token: refreshToken }));
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ error: 'temporarily_unavailable' });
    expect(failed.body).not.toHaveProperty('refresh_token');
    // Nothing of the failed attempt was kept: no new refresh token, the old one not consumed.
    expect((await sql.query(`SELECT count(*)::int AS n FROM refresh_tokens`)).rows[0].n).toBe(rowsBefore);
    expect((await sql.query(`SELECT count(*)::int AS n FROM refresh_tokens WHERE consumed_at IS NOT NULL OR revoked_at IS NOT NULL`)).rows[0].n).toBe(0);

    const retried = await tokenRequest(ctx.server.baseUrl, client, { grant_type: 'refresh_token', refresh_token: refreshToken });
    expect(retried.status).toBe(200);
    expect(await introspect(ctx.server.baseUrl, api, retried.body.access_token)).toMatchObject({ active: true });
    const next = await tokenRequest(ctx.server.baseUrl, client, { grant_type: 'refresh_token', refresh_token: retried.body.refresh_token! });
    expect(next.status).toBe(200);
  });
});
