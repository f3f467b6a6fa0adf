import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { DataDirInUseError, DataDirLock, LOCK_FILE_NAME } from './data-dir-lock';

/** The folder under DATA_DIR where EmbeddedPostgres keeps the database's files. */
const PGDATA = 'pgdata';
const STAGING = 'pgdata.restoring';
const REPLACED = 'pgdata.replaced';

/** Rows a query on the backed-up database answers. */
export type BackupQuery = (sql: string) => Promise<Array<Record<string, unknown>>>;

/** A backup or restore that cannot go ahead; the message says why and what to do. */
export class BackupRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefusedError';
  }
}

/**
 * Writes the embedded database in `dataDir` to `out` as a gzipped tarball of its files (PGlite's own dump).
 * It holds the data folder's lock throughout, so it never copies files a running server is writing: with
 * a server running it refuses.
 */
export async function backupEmbeddedDatabase(dataDir: string, out: string): Promise<void> {
  const folder = resolve(dataDir);
  if (!existsSync(join(folder, PGDATA, 'PG_VERSION'))) {
    throw new BackupRefusedError(`There is no embedded database in ${folder} (DATA_DIR) to back up.`);
  }
  await withLock(folder, 'back it up', async () => {
    const db = await openPglite({ dataDir: join(folder, PGDATA) });
    try {
      // Everything in the log is written to the data files, so a restore starts without replaying it.
      await db.exec('CHECKPOINT');
      const tarball = await db.dumpDataDir('gzip');
      writeFileDurably(resolve(out), Buffer.from(await tarball.arrayBuffer()));
    } finally {
      await db.close();
    }
  });
}

/**
 * Replaces the embedded database in `dataDir` with the one in the backup `from`. The backup is unpacked
 * and opened beside the current files first, and `check` runs on it (the signing keys must open with this
 * KEY_ENCRYPTION_SECRET): only when both succeed does it take the current database's place. A DATA_DIR
 * that holds anything is replaced only with `force`.
 */
export async function restoreEmbeddedDatabase(dataDir: string, from: string, options: { force: boolean; check: (query: BackupQuery) => Promise<void> }): Promise<void> {
  const folder = resolve(dataDir);
  const tarball = readBackup(from);
  mkdirSync(folder, { recursive: true });
  await withLock(folder, 'restore into it', async () => {
    const present = readdirSync(folder).filter((entry) => entry !== LOCK_FILE_NAME && entry !== STAGING && entry !== REPLACED);
    if (present.length > 0 && !options.force) {
      throw new BackupRefusedError(`DATA_DIR ${folder} is not empty (${present.join(', ')}); restore replaces its database only with --force.`);
    }
    const staging = join(folder, STAGING);
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging);
    try {
      const db = await openPglite({ dataDir: staging, loadDataDir: new Blob([new Uint8Array(tarball)]) }).catch((error: unknown) => {
        throw new BackupRefusedError(`${resolve(from)} is not a backup of the embedded database (${(error as Error).message}).`);
      });
      try {
        await options.check(async (sql) => (await db.query<Record<string, unknown>>(sql)).rows);
      } finally {
        await db.close();
      }
      swapIn(folder, staging);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      throw error;
    }
  });
}

/** The current database steps aside before the restored one moves in, and is removed only after. */
function swapIn(folder: string, staging: string): void {
  const current = join(folder, PGDATA);
  const replaced = join(folder, REPLACED);
  rmSync(replaced, { recursive: true, force: true });
  if (existsSync(current)) renameSync(current, replaced);
  renameSync(staging, current);
  rmSync(replaced, { recursive: true, force: true });
}

async function withLock(folder: string, purpose: string, work: () => Promise<void>): Promise<void> {
  let lock: DataDirLock;
  try {
    lock = DataDirLock.acquire(folder);
  } catch (error) {
    if (error instanceof DataDirInUseError) {
      throw new BackupRefusedError(`A server (or another backup) is using the embedded database in ${folder}: stop it to ${purpose}. ${error.message}`);
    }
    throw error;
  }
  try {
    await work();
  } finally {
    lock.release();
  }
}

function readBackup(from: string): Buffer {
  try {
    return readFileSync(resolve(from));
  } catch (error) {
    throw new BackupRefusedError(`Cannot read the backup ${resolve(from)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
}

/** Written beside the target, flushed and renamed: a crash leaves the old file or the whole new one. Owner-only. */
function writeFileDurably(path: string, data: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w', 0o600);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
}

async function openPglite(options: { dataDir: string; loadDataDir?: Blob }): Promise<PGlite> {
  // Loaded only here, as in DatabaseModule: PostgreSQL deployments never pay for PGlite's code.
  const { PGlite: Pglite } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
  return Pglite.create(options);
}
