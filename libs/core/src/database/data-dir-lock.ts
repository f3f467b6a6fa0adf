import { closeSync, constants, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * Open-file-description locks (`fcntl(F_OFD_SETLK)` on Linux, `flock` on macOS, `LockFileEx` on Windows)
 * from a prebuilt addon: nothing compiles at install. The kernel holds such a lock for the open file, not
 * for a pid, so it works across PID namespaces (two containers on one volume, each PID 1), conflicts with
 * a second open in the same process too, and is gone the moment its holder dies, however it died.
 */
interface FileLocks {
  tryLock(fd: number): boolean;
  unlock(fd: number): void;
}
const fileLocks = require('fs-native-extensions') as FileLocks;

export const LOCK_FILE_NAME = 'server.lock';

/** Another live process holds the data folder's lock. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly lockFile: string,
    holder: string | undefined,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another process (lock file ${lockFile}${holder ? `, held by ${holder}` : ''}); ` +
        'stop that process, or give this server another DATA_DIR. Only one process can use the embedded database: ' +
        'to run several, set DATABASE_URL to a PostgreSQL server.',
    );
    this.name = 'DataDirInUseError';
  }
}

/**
 * An exclusive lock on `server.lock` in the data folder, held until `release()` or the process's end. The
 * file's content only tells an operator who holds it; a file left by a dead process locks nothing.
 */
export class DataDirLock {
  private constructor(
    private fd: number | undefined,
    readonly path: string,
  ) {}

  static acquire(dataDir: string): DataDirLock {
    const path = join(dataDir, LOCK_FILE_NAME);
    // Opened without truncating: the holder's note must still be there to be read when the lock is refused.
    const fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o600);
    let locked: boolean;
    try {
      locked = fileLocks.tryLock(fd);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    if (!locked) {
      closeSync(fd);
      throw new DataDirInUseError(dataDir, path, readHolder(path));
    }
    writeHolder(fd);
    return new DataDirLock(fd, path);
  }

  release(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    // The file stays: deleting it would let one process lock the old file while another creates and locks
    // a new one under the same name.
    try {
      fileLocks.unlock(fd);
    } finally {
      closeSync(fd);
    }
  }
}

function writeHolder(fd: number): void {
  try {
    ftruncateSync(fd, 0);
    writeSync(fd, `pid ${process.pid} on host ${hostname()} since ${new Date().toISOString()}\n`, 0);
  } catch {
    // Only a note for operators (a full disk may refuse it); the lock is what keeps others out.
  }
}

function readHolder(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim().split('\n')[0] || undefined;
  } catch {
    return undefined;
  }
}
