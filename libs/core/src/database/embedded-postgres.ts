import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { isDiskFull } from '../errors/disk-full';
import { DataDirInUseError, DataDirLock } from './data-dir-lock';
import { DataDirFullError, freeBytesSync, MIN_FREE_BYTES } from './data-dir-space';

/**
 * PostgreSQL compiled to WebAssembly (PGlite), persisted under a folder and served on a loopback port so
 * the ordinary `pg` driver and the same migrations work. PGlite has one connection: the server accepts one
 * client and the pool is sized to one, so each transaction holds the database alone and no two callers'
 * statements interleave.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly lock: DataDirLock | undefined,
    readonly url: string,
  ) {}

  /** `dataDir` undefined means in memory (tests). */
  static async start(dataDir: string | undefined): Promise<EmbeddedPostgres> {
    if (!dataDir) return EmbeddedPostgres.open(undefined, undefined);
    const folder = resolve(dataDir);
    let lock: DataDirLock | undefined;
    try {
      mkdirSync(folder, { recursive: true });
      // Two processes on one folder would each see only their own writes and lose acknowledged ones.
      lock = DataDirLock.acquire(folder);
      const location = resolve(folder, 'pgdata');
      mkdirSync(location, { recursive: true });
      return await EmbeddedPostgres.open(location, lock);
    } catch (error) {
      lock?.release();
      throw explainStartFailure(error, folder);
    }
  }

  private static async open(location: string | undefined, lock: DataDirLock | undefined): Promise<EmbeddedPostgres> {
    const db = await PGlite.create(location ? { dataDir: location } : {});
    try {
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
      await server.start();
      return new EmbeddedPostgres(db, server, lock, `postgres://postgres@${server.getServerConn()}/postgres`);
    } catch (error) {
      await db.close().catch(() => undefined);
      throw error;
    }
  }

  async stop(): Promise<void> {
    try {
      await this.server.stop();
      await this.db.close();
    } finally {
      this.lock?.release();
    }
  }
}

/**
 * On a full volume PGlite fails with "PGlite failed to initialize properly" or a bare file-system error,
 * which names neither the cause nor the folder: the free space decides what to tell the operator.
 */
function explainStartFailure(error: unknown, folder: string): unknown {
  if (error instanceof DataDirInUseError) return error;
  const free = freeBytesSync(folder);
  if (isDiskFull(error) || (free !== undefined && free < MIN_FREE_BYTES)) return new DataDirFullError(folder, free, error);
  return error;
}
