import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './test-server';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'apps', 'auth-server', 'src', 'main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the server when the compiled output is missing or older than the sources. */
export function ensureBuilt(): void {
  const sources = Math.max(newestSource(join(ROOT, 'apps', 'auth-server', 'src')), newestSource(join(ROOT, 'libs')));
  if (existsSync(MAIN) && statSync(MAIN).mtimeMs >= sources) return;
  execFileSync('npx', ['nest', 'build', 'auth-server'], { cwd: ROOT, stdio: 'inherit' });
}

export interface ServerProcessOptions {
  /** A command the server is run through, such as `nsenter` into a prepared mount namespace. */
  launcher?: string[];
  /** Keep everything the process writes to stdout and stderr, for `output()`. */
  captureOutput?: boolean;
  /** How long the start may take before it counts as failed (an embedded database's first start is slow on a busy machine). */
  readyTimeoutMs?: number;
}

/** One instance of the real server as its own process, as it runs in production. */
export class ServerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly baseUrl: string,
    private readonly written: { text: string },
  ) {}

  /** Listens on `env.PORT` when given (an ISSUER that names its port), on a free port otherwise. */
  static async start(env: Record<string, string>, options: ServerProcessOptions = {}): Promise<ServerProcess> {
    const port = env.PORT ? Number(env.PORT) : await freePort();
    const [command, ...args] = [...(options.launcher ?? []), process.execPath, MAIN];
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), ...env },
      stdio: ['ignore', options.captureOutput ? 'pipe' : 'ignore', 'pipe'],
    });
    let stderr = '';
    const written = { text: '' };
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (options.captureOutput) written.text += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => (written.text += chunk.toString()));
    // 'exit' can come before the last of stderr: the reason for a failed start is read once it has closed.
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    const baseUrl = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        await closed;
        throw new Error(`server exited with ${child.exitCode ?? child.signalCode}: ${stderr}`);
      }
      const ready = await fetch(`${baseUrl}/health/ready`).then((r) => r.ok, () => false);
      if (ready) return new ServerProcess(child, baseUrl, written);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    child.kill('SIGKILL');
    throw new Error(`server did not become ready: ${stderr}`);
  }

  /** What the process wrote to stdout and stderr so far (with `captureOutput`). */
  output(): string {
    return this.written.text;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Ends the process at once, as a crash or an out-of-memory kill would: nothing of its shutdown runs. */
  kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGKILL');
    return exited;
  }

  /** Sends SIGTERM and resolves with the exit code once the process has ended. */
  terminate(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    this.child.kill('SIGTERM');
    return exited;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 10_000)))]);
    // The timer would otherwise keep the test process alive for its full 10 s after a prompt exit.
    clearTimeout(timer);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
