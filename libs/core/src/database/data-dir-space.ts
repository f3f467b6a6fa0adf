import { statfsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';

/**
 * PostgreSQL writes its log in 16 MiB segments (PGlite keeps the default): with less free than one,
 * the next segment may not fit and writes start failing, though reads still work.
 */
export const MIN_FREE_BYTES = 16 * 1024 * 1024;

/** Bytes an unprivileged process may still write on the volume holding `dir`. */
export async function freeBytes(dir: string): Promise<number> {
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize;
}

export function freeBytesSync(dir: string): number | undefined {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
}

/** The embedded database could not start because its volume is (nearly) full. */
export class DataDirFullError extends Error {
  constructor(
    readonly dataDir: string,
    readonly free: number | undefined,
    cause: unknown,
  ) {
    const left = free === undefined ? '' : `, ${formatBytes(free)} free`;
    super(
      `The embedded database in ${dataDir} cannot start: no space left on device${left}; it needs at least ` +
        `${formatBytes(MIN_FREE_BYTES)}. Free space on that volume or move DATA_DIR to a larger one.`,
      { cause },
    );
    this.name = 'DataDirFullError';
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${bytes} bytes`;
}
