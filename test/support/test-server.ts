import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, createAppLogger } from '@app/core';
import { createApp } from '../../apps/auth-server/src/create-app';

export const ADMIN_CLIENT_ID = 'test-admin';
export const ADMIN_CLIENT_SECRET = 'test-admin-secret-0123456789';
export const ADMIN_USERNAME = 'root-admin';
export const ADMIN_PASSWORD = 'correct horse battery staple';

export interface TestServer {
  baseUrl: string;
  app: NestFastifyApplication;
  config: AppConfig;
  /** The database URL the server uses (a fresh database on PostgreSQL; the embedded one otherwise). */
  databaseName: string | undefined;
  close(): Promise<void>;
  /** Stops and starts the same server on the same database (restart idempotency). */
  restart(): Promise<void>;
}

/** How long a closing server waits for the connections its clients keep open before it drops them. */
const CLOSE_GRACE_MS = 2_000;

/**
 * Closes the app; connections still open after the grace are dropped. A browser of the test may still
 * hold a keep-alive connection that turned idle after Fastify closed the idle ones, and the server would
 * otherwise wait for its keep-alive timeout (65 s), longer than a hook may take.
 */
async function closeApp(app: NestFastifyApplication): Promise<void> {
  const force = setTimeout(() => app.getHttpServer().closeAllConnections(), CLOSE_GRACE_MS);
  force.unref();
  try {
    await app.close();
  } finally {
    clearTimeout(force);
  }
}

/** A free loopback port, so ISSUER can name it before the server listens. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * With DATABASE_URL set, each test file gets its own fresh PostgreSQL database on that server; without it,
 * an in-memory embedded database.
 */
async function createDatabase(): Promise<{ url: string | undefined; name: string | undefined; drop: () => Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { url: undefined, name: undefined, drop: async () => undefined };
  const name = `authtest_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const dropper = new Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

export interface TestServerOptions {
  /** Changes the URL the server connects with (for example, through a fault-injecting proxy). */
  rewriteDatabaseUrl?: (url: string) => string;
}

export async function startTestServer(env: Record<string, string> = {}, options: TestServerOptions = {}): Promise<TestServer> {
  const database = await createDatabase();
  const connectUrl = database.url && options.rewriteDatabaseUrl ? options.rewriteDatabaseUrl(database.url) : database.url;
  const dataDir = database.url ? undefined : ':memory:';
  const configFor = (port: number) =>
    new AppConfig({
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      BOOTSTRAP_ADMIN_CLIENT_ID: ADMIN_CLIENT_ID,
      BOOTSTRAP_ADMIN_CLIENT_SECRET: ADMIN_CLIENT_SECRET,
      BOOTSTRAP_ADMIN_USERNAME: ADMIN_USERNAME,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      ...(connectUrl ? { DATABASE_URL: connectUrl } : { DATA_DIR: dataDir! }),
      ...env,
    });
  // The free port is found before the server listens, so another process may take it in between: retry.
  // A PORT given by the caller (one that ISSUER names) is listened on as it is.
  let port = 0;
  let config: AppConfig | undefined;
  let app: NestFastifyApplication | undefined;
  for (let attempt = 1; !app; attempt++) {
    port = env.PORT ? Number(env.PORT) : await freePort();
    config = configFor(port);
    const candidate = await createApp(config, createAppLogger(config.logLevel));
    try {
      await candidate.listen({ port, host: '127.0.0.1' });
      app = candidate;
    } catch (error) {
      await candidate.close();
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 5 || env.PORT) throw error;
    }
  }
  const logger = createAppLogger(config!.logLevel);
  const server: TestServer = {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    config: config!,
    databaseName: database.name,
    async close() {
      await closeApp(app!);
      await database.drop();
    },
    async restart() {
      if (!database.url) throw new Error('restart needs PostgreSQL (the in-memory database does not survive)');
      await closeApp(app!);
      app = await createApp(config!, logger);
      await app.listen({ port, host: '127.0.0.1' });
      server.app = app;
    },
  };
  return server;
}

export const usesPostgres = (): boolean => Boolean(process.env.DATABASE_URL);
