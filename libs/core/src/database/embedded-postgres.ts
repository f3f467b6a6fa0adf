import { mkdirSync, openSync, closeSync, writeSync, readFileSync, unlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

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
    private readonly lockFile: string | undefined,
    readonly url: string,
  ) {}

  /** `dataDir` undefined means in memory (tests). */
  static async start(dataDir: string | undefined): Promise<EmbeddedPostgres> {
    let lockFile: string | undefined;
    let location: string | undefined;
    if (dataDir) {
      location = resolve(dataDir, 'pgdata');
      mkdirSync(location, { recursive: true });
      lockFile = acquireLock(resolve(dataDir, 'server.lock'));
    }
    try {
      const db = await PGlite.create(location ? { dataDir: location } : {});
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
      await server.start();
      const url = `postgres://postgres@${server.getServerConn()}/postgres`;
      return new EmbeddedPostgres(db, server, lockFile, url);
    } catch (error) {
      if (lockFile) releaseLock(lockFile);
      throw error;
    }
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    if (this.lockFile) releaseLock(this.lockFile);
  }
}

/** Two processes opening one PGlite folder corrupt it; a lock file with our pid keeps the second out. */
function acquireLock(path: string): string {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(path, 'utf8'));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new Error(`The embedded database in ${join(path, '..')} is in use by process ${owner}`);
      }
      unlinkSync(path);
    }
  }
  throw new Error(`Could not lock ${path}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function releaseLock(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
