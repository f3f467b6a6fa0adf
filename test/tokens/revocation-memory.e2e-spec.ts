import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { REVOCATION_STALENESS_MS, RevocationMemory } from '@app/tokens';
import { AdminApi } from '../support/admin';
import { basicAuth, postForm } from '../support/http';
import { useTestServer } from '../support/server-fixture';
import { introspect, RegisteredClient, tokenRequest } from '../support/sign-in';
import { usesPostgres } from '../support/test-server';
import { statementsDuring } from '../support/statements';

const REVOCATION_TABLES = /revoked_tokens|revoked_grants|revocation_cutoffs|opaque_access_tokens/;

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

describe('introspection answers revocation from memory', () => {
  const ctx = useTestServer();
  let service: RegisteredClient;
  let opaqueService: RegisteredClient;
  let memory: RevocationMemory;
  let db: DataSource;

  beforeAll(async () => {
    const admin = await AdminApi.connect(ctx.server);
    service = await admin.registerClient({ client_name: 'jwt service', grant_types: ['client_credentials'], scope: 'admin:read' });
    opaqueService = await admin.registerClient({ client_name: 'opaque service', grant_types: ['client_credentials'], scope: 'admin:read', access_token_format: 'opaque' });
    memory = ctx.server.app.get(RevocationMemory);
    db = ctx.server.app.get(DataSource);
    await until(() => memory.current(), 10_000);
  });

  async function tokenOf(client: RegisteredClient): Promise<string> {
    const answer = await tokenRequest(ctx.server.baseUrl, client, { grant_type: 'client_credentials' });
    expect(answer.status).toBe(200);
    return answer.body.access_token;
  }

  it('reads no revocation table (nor, once cached, the reference token) to answer an active token', async () => {
    for (const client of [service, opaqueService]) {
      const token = await tokenOf(client);
      expect((await introspect(ctx.server.baseUrl, client, token)).active).toBe(true);
      const statements = await statementsDuring(db, async () => {
        expect((await introspect(ctx.server.baseUrl, client, token)).active).toBe(true);
      });
      expect(statements.filter((statement) => REVOCATION_TABLES.test(statement))).toEqual([]);
    }
  });

  it('answers a token revoked on this instance as inactive at once', async () => {
    for (const client of [service, opaqueService]) {
      const token = await tokenOf(client);
      expect((await introspect(ctx.server.baseUrl, client, token)).active).toBe(true);
      const revoked = await postForm(`${ctx.server.baseUrl}/oauth2/revoke`, { token }, { authorization: basicAuth(client.client_id, client.client_secret!) });
      expect(revoked.status).toBe(200);
      expect(await introspect(ctx.server.baseUrl, client, token)).toEqual({ active: false });
    }
  });

  (usesPostgres() ? describe : describe.skip)('with other writers on the same PostgreSQL database', () => {
    let other: Client;

    beforeAll(async () => {
      other = new Client({ connectionString: process.env.DATABASE_URL!.replace(/\/[^/]*$/, `/${ctx.server.databaseName}`) });
      await other.connect();
    });

    afterAll(async () => {
      await other?.end();
    });

    const jtiOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).jti as string;

    it(`sees a revocation another instance (or release) committed within ${REVOCATION_STALENESS_MS} ms`, async () => {
      const token = await tokenOf(service);
      expect((await introspect(ctx.server.baseUrl, service, token)).active).toBe(true);
      // Written straight to the table, as another instance or the previous release would.
      await other.query(`INSERT INTO revoked_tokens (jti, expires_at) VALUES ($1, now() + interval '1 hour')`, [jtiOf(token)]);
      const waited = await until(async () => !(await introspect(ctx.server.baseUrl, service, token)).active, REVOCATION_STALENESS_MS);
      expect(waited).toBeLessThanOrEqual(REVOCATION_STALENESS_MS);
    });

    it('asks the database while the feed is down, and answers from memory again once it is back and loaded', async () => {
      const token = await tokenOf(service);
      expect((await introspect(ctx.server.baseUrl, service, token)).active).toBe(true);
      // The listening connection dies: from then on the database is asked.
      await other.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`);
      await until(() => !memory.current(), 5_000);
      await other.query(`INSERT INTO revoked_tokens (jti, expires_at) VALUES ($1, now() + interval '1 hour')`, [jtiOf(token)]);
      expect(await introspect(ctx.server.baseUrl, service, token)).toEqual({ active: false });
      // Reconnected and reloaded: the revocation made while it was down is in memory too.
      await until(() => memory.current(), 10_000);
      const statements = await statementsDuring(db, async () => {
        expect(await introspect(ctx.server.baseUrl, service, token)).toEqual({ active: false });
      });
      expect(statements.filter((statement) => statement.includes('revoked_tokens'))).toHaveLength(1);
      const fresh = await tokenOf(service);
      const freshStatements = await statementsDuring(db, async () => {
        expect((await introspect(ctx.server.baseUrl, service, fresh)).active).toBe(true);
      });
      expect(freshStatements.filter((statement) => REVOCATION_TABLES.test(statement))).toEqual([]);
    }, 30_000);
  });
});
