/** SQLSTATE 53100 disk_full: PostgreSQL (and PGlite) could not extend a file. */
const DISK_FULL_SQLSTATE = '53100';
/** ENOSPC as PGlite's WebAssembly file system numbers it (WASI errno), raised before PostgreSQL runs. */
const WASI_ENOSPC = 51;

/** True when an error, or one it wraps, says the disk holding the database is full. */
export function isDiskFull(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    const candidate = current as { code?: unknown; errno?: unknown; name?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (candidate.code === DISK_FULL_SQLSTATE || candidate.code === 'ENOSPC') return true;
    if (candidate.name === 'ErrnoError' && candidate.errno === WASI_ENOSPC) return true;
    if (typeof candidate.message === 'string' && /no space left on device/i.test(candidate.message)) return true;
    current = candidate.driverError ?? candidate.cause;
  }
  return false;
}
