import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FILLER = '.filler';

/**
 * A tmpfs of a few MiB in a private mount namespace, so a test can fill a disk without touching the
 * machine's. A holder process keeps the namespace alive (until its stdin closes, so also when the test
 * process dies); servers join it through `launcher`, and the test reaches the files through the holder's
 * `/proc/<pid>/root`.
 */
export class SmallVolume {
  private constructor(
    private readonly holder: ChildProcess,
    /** The mount point, as processes inside the namespace see it. */
    readonly path: string,
  ) {}

  /** Mounting needs CAP_SYS_ADMIN (root, or an unprivileged user namespace): not every machine allows it. */
  static isSupported(): boolean {
    const probe = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs "$0"', tmpdir()]);
    return probe.status === 0 && spawnSync('nsenter', ['--version']).status === 0;
  }

  static async create(sizeMiB: number): Promise<SmallVolume> {
    const path = mkdtempSync(join(tmpdir(), 'auth-volume-'));
    const holder = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', `mount -t tmpfs -o size=${sizeMiB}m tmpfs "$0" && echo mounted && exec cat`, path], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    holder.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      holder.stdout?.once('data', () => resolve());
      holder.once('exit', (code) => reject(new Error(`could not mount a tmpfs (exit ${code}): ${stderr}`)));
    });
    return new SmallVolume(holder, path);
  }

  /** Runs a command inside the volume's mount namespace. */
  get launcher(): string[] {
    return ['nsenter', `--target=${this.holder.pid}`, '--mount', '--'];
  }

  /** Writes a file until the volume refuses with ENOSPC. */
  fill(): void {
    const fd = openSync(this.outside(FILLER), 'w');
    try {
      for (const size of [1024 * 1024, 4096, 1]) {
        const chunk = Buffer.alloc(size);
        try {
          for (;;) writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        }
      }
    } finally {
      closeSync(fd);
    }
  }

  free(): void {
    unlinkSync(this.outside(FILLER));
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.holder.once('exit', resolve));
    this.holder.stdin?.end();
    await exited;
    rmSync(this.path, { recursive: true, force: true });
  }

  private outside(name: string): string {
    return join(`/proc/${this.holder.pid}/root`, this.path, name);
  }
}
