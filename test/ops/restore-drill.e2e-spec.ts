import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { AdminApi } from '../support/admin';
import { basicAuth, postForm, request } from '../support/http';
import { refresh } from '../support/held-tokens';
import { ensureBuilt, ServerProcess } from '../support/server-process';
import { runServerCommand } from '../support/server-command';
import { authorize, authorizeWithPkce, callbackParams, createPerson, introspect, redeemCode, RegisteredClient, registerWebClient } from '../support/sign-in';
import { BrowserSession } from '../support/browser-session';
import { withDatabaseClient } from '../support/database-client';
import { ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, TestServer, usesPostgres } from '../support/test-server';
import { throwawayDatabase, ThrowawayDatabase } from '../support/throwaway-database';

const SECRET = 'restore-drill-key-encryption-secret-0123456789';
const OTHER_SECRET = 'another-key-encryption-secret-9876543210';
const ISSUER = 'http://auth.restore-drill.internal';
/** A first start on the embedded database runs initdb, which a busy machine can stretch well past the usual bound. */
const READY_WITHIN_MS = 90_000;

/** What a deployment holds before the backup, to be checked on the restored one. */
interface Issued {
  kid: string;
  jwt: string;
  refreshToken: string;
  service: RegisteredClient;
  web: RegisteredClient;
}

/**
 * The restore drill: a server issues tokens, stops, is backed up; its data is destroyed, the backup is
 * restored into a new database and a new server starts on it with the same KEY_ENCRYPTION_SECRET. Every
 * token issued before the backup must still verify, introspect and refresh, and the clients' secrets
 * still authenticate. Embedded database or PostgreSQL, whichever DATABASE_URL says.
 */
describe(`restore drill (${usesPostgres() ? 'PostgreSQL' : 'embedded database'})`, () => {
  // Not useTestServer: server processes on databases that outlive them, and the backup commands between.
  const databases: ThrowawayDatabase[] = [];
  const running: ServerProcess[] = [];
  const folder = mkdtempSync(join(tmpdir(), 'auth-backup-'));
  const backupFile = join(folder, 'meridian.backup');
  let issued: Issued;
  let server: ServerProcess;
  let restoredDatabase: ThrowawayDatabase;

  const newDatabase = async () => {
    const database = await throwawayDatabase();
    databases.push(database);
    return database;
  };
  const start = async (database: ThrowawayDatabase) => {
    const started = await ServerProcess.start({
      ...database.env,
      ISSUER,
      KEY_ENCRYPTION_SECRET: SECRET,
      SHUTDOWN_DRAIN_MS: '0',
      BOOTSTRAP_ADMIN_CLIENT_ID: ADMIN_CLIENT_ID,
      BOOTSTRAP_ADMIN_CLIENT_SECRET: ADMIN_CLIENT_SECRET,
    }, { readyTimeoutMs: READY_WITHIN_MS });
    running.push(started);
    return started;
  };
  const command = (database: ThrowawayDatabase, args: string[], secret = SECRET) =>
    runServerCommand(args, { ...database.env, KEY_ENCRYPTION_SECRET: secret });
  const tablesIn = (database: ThrowawayDatabase) =>
    withDatabaseClient(database, async (client) => (await client.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0].n as number);

  beforeAll(async () => {
    ensureBuilt();
    const original = await newDatabase();
    const first = await start(original);
    issued = await issueTokens(first);
    if (!usesPostgres()) {
      // The embedded database is one process's: a backup next to a running server would copy files being written.
      const refused = await command(original, ['backup', '--out', backupFile]);
      expect({ code: refused.code, stderr: refused.stderr }).toEqual({ code: 73, stderr: expect.stringContaining('stop it to back it up') });
    }
    await first.stop();

    const backup = await command(original, ['backup', '--out', backupFile]);
    expect({ code: backup.code, stderr: backup.stderr }).toEqual({ code: 0, stderr: '' });
    expect(statSync(backupFile).mode & 0o077).toBe(0);

    await original.drop();
    restoredDatabase = await newDatabase();
    const restore = await command(restoredDatabase, ['restore', '--from', backupFile]);
    expect({ code: restore.code, stderr: restore.stderr }).toEqual({ code: 0, stderr: '' });
    server = await start(restoredDatabase);
  }, 240_000);

  afterAll(async () => {
    await Promise.all(running.map((process) => process.stop()));
    await Promise.all(databases.map((database) => database.drop()));
    rmSync(folder, { recursive: true, force: true });
  });

  it('verifies a JWT issued before the backup against the restored JWKS, with the same kid', async () => {
    const discovery = await request<{ jwks_uri: string }>(`${server.baseUrl}/.well-known/openid-configuration`);
    const jwksPath = new URL(discovery.body.jwks_uri).pathname;
    const keys = createRemoteJWKSet(new URL(`${server.baseUrl}${jwksPath}`));
    const { protectedHeader, payload } = await jwtVerify(issued.jwt, keys, { issuer: ISSUER });
    expect(protectedHeader.kid).toBe(issued.kid);
    expect(payload.client_id).toBe(issued.service.client_id);
  });

  it('introspects the JWT issued before the backup as active', async () => {
    expect(await introspect(server.baseUrl, issued.service, issued.jwt)).toMatchObject({ active: true, client_id: issued.service.client_id });
  });

  it('refreshes with the refresh token issued before the backup', async () => {
    const refreshed = await refresh(server.baseUrl, issued.web, issued.refreshToken);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toEqual(expect.any(String));
    expect(refreshed.body.refresh_token).not.toBe(issued.refreshToken);
  });

  it("authenticates the client with the secret it was given before the backup, and signs with the restored key", async () => {
    const response = await postForm<{ access_token: string }>(`${server.baseUrl}/oauth2/token`, { grant_type: 'client_credentials' }, {
      authorization: basicAuth(issued.service.client_id, issued.service.client_secret!),
    });
    expect(response.status).toBe(200);
    expect(decodeProtectedHeader(response.body.access_token).kid).toBe(issued.kid);
  });

  it('refuses to restore with another KEY_ENCRYPTION_SECRET, saying so and writing nothing', async () => {
    const target = await newDatabase();
    const outcome = await command(target, ['restore', '--from', backupFile], OTHER_SECRET);
    expect(outcome.code).toBe(78);
    expect(outcome.stderr).toContain('The signing keys in the database were encrypted with another KEY_ENCRYPTION_SECRET than the one set');
    expect(outcome.stderr).toContain('Nothing was restored.');
    expect(outcome.stderr).not.toContain(SECRET);
    expect(outcome.stderr).not.toContain(OTHER_SECRET);
    if (usesPostgres()) expect(await tablesIn(target)).toBe(0);
    else expect(existsSync(join(target.env.DATA_DIR, 'pgdata'))).toBe(false);
  });

  it('refuses a file that is not a backup, saying so and writing nothing', async () => {
    const target = await newDatabase();
    const notABackup = join(folder, 'not-a-backup.tgz');
    writeFileSync(notABackup, randomBytes(4096));
    const outcome = await command(target, ['restore', '--from', notABackup]);
    expect(outcome.code).toBe(73);
    expect(outcome.stderr).toMatch(usesPostgres() ? /pg_restore failed .*not appear to be a valid archive/ : /is not a backup of the embedded database/);
    if (usesPostgres()) expect(await tablesIn(target)).toBe(0);
    else expect(existsSync(join(target.env.DATA_DIR, 'pgdata'))).toBe(false);
  });

  it('refuses to restore over a database that holds data unless --force, and restores over it with --force', async () => {
    await server.stop();
    const outcome = await command(restoredDatabase, ['restore', '--from', backupFile]);
    expect(outcome.code).toBe(73);
    expect(outcome.stderr).toMatch(/is not empty .*--force/);

    const forced = await command(restoredDatabase, ['restore', '--from', backupFile, '--force']);
    expect({ code: forced.code, stderr: forced.stderr }).toEqual({ code: 0, stderr: '' });
    server = await start(restoredDatabase);
    expect(await introspect(server.baseUrl, issued.service, issued.jwt)).toMatchObject({ active: true });
    if (!usesPostgres()) expect(readdirSync(restoredDatabase.env.DATA_DIR).sort()).toEqual(['pgdata', 'server.lock']);
  }, 120_000);
});

/** A client_credentials JWT for a service, and a refresh token from a person's code flow. */
async function issueTokens(server: ServerProcess): Promise<Issued> {
  const admin = await AdminApi.connect({ baseUrl: server.baseUrl } as TestServer);
  const service = await admin.registerClient({ client_name: 'Nightly job', grant_types: ['client_credentials'], token_endpoint_auth_method: 'client_secret_basic' });
  const token = await postForm<{ access_token: string }>(`${server.baseUrl}/oauth2/token`, { grant_type: 'client_credentials' }, {
    authorization: basicAuth(service.client_id, service.client_secret!),
  });
  if (token.status !== 200) throw new Error(`client_credentials: ${token.status} ${token.text}`);

  const web = await registerWebClient(admin, { first_party: true });
  const person = await createPerson(admin);
  const { url, verifier } = authorizeWithPkce(web.client_id, { scope: 'openid offline_access' });
  const code = callbackParams(await authorize(new BrowserSession(server.baseUrl), url, person)).get('code')!;
  const tokens = await redeemCode(server.baseUrl, web, code, verifier);
  if (tokens.status !== 200 || !tokens.body.refresh_token) throw new Error(`redeem code: ${tokens.status} ${tokens.text}`);

  const kid = String(decodeProtectedHeader(token.body.access_token).kid);
  return { kid, jwt: token.body.access_token, refreshToken: tokens.body.refresh_token, service, web };
}
