import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..');
export const SDK_DIR = join(ROOT, 'libs', 'resource-server');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const STEP_TIMEOUT_MS = 120_000;
const run = promisify(execFile);

/** What `npm pack --json` says of the tarball it wrote. */
export interface PackedTarball {
  path: string;
  files: string[];
}

/** Packs the SDK as it would be published (its prepack builds it) into `destination`. */
export async function packSdk(destination: string): Promise<PackedTarball> {
  const { stdout } = await run('npm', ['pack', SDK_DIR, '--pack-destination', destination, '--json'], { timeout: STEP_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 });
  // Lifecycle output (the build) precedes the JSON on stdout.
  const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  return { path: join(destination, packed.filename), files: packed.files.map((file) => file.path) };
}

/** A project of our users' kind, apart from this repository, with only the tarball installed into it. */
export class ThrowawayProject {
  private constructor(readonly dir: string) {}

  static create(): ThrowawayProject {
    const dir = mkdtempSync(join(tmpdir(), 'sdk-consumer-'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'sdk-consumer', version: '1.0.0', private: true, type: 'module' }));
    return new ThrowawayProject(dir);
  }

  /** From the npm cache when it can; jose's metadata may not be cached, so --offline would refuse. */
  async install(tarball: string): Promise<void> {
    const args = ['install', tarball, '--no-audit', '--no-fund', '--no-package-lock'];
    await run('npm', [...args, '--offline'], { cwd: this.dir, timeout: STEP_TIMEOUT_MS }).catch(() =>
      run('npm', [...args, '--prefer-offline'], { cwd: this.dir, timeout: STEP_TIMEOUT_MS }),
    );
  }

  write(file: string, content: string): void {
    mkdirSync(join(this.dir, file, '..'), { recursive: true });
    writeFileSync(join(this.dir, file), content);
  }

  /** Runs a script of the project with node; resolves with its stdout, rejects when it exits non-zero. */
  async node(script: string, env: Record<string, string> = {}): Promise<string> {
    const { stdout } = await run(process.execPath, [script], { cwd: this.dir, env: { PATH: process.env.PATH ?? '', ...env }, timeout: STEP_TIMEOUT_MS });
    return stdout;
  }

  /** The repository's TypeScript compiler on one file of the project; resolves with its exit code and output. */
  async typecheck(file: string): Promise<{ code: number; output: string }> {
    // No @types at all and no skipLibCheck: the package's declarations must stand on their own.
    const compilerOptions = { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, types: [] };
    const config = `tsconfig.${file}.json`;
    this.write(config, JSON.stringify({ compilerOptions, files: [file] }));
    return run(process.execPath, [TSC, '-p', config], { cwd: this.dir, timeout: STEP_TIMEOUT_MS }).then(
      ({ stdout }) => ({ code: 0, output: stdout }),
      (error: { code?: number; stdout?: string }) => ({ code: error.code ?? 1, output: error.stdout ?? '' }),
    );
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
