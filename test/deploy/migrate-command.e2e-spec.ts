import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, ServerProcess } from '../support/server-process';
import { throwawayDatabase, ThrowawayDatabase } from '../support/throwaway-database';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'apps', 'auth-server', 'src', 'main.js');
const COMMAND_TIMEOUT_MS = 60_000;

/** Runs main.js with arguments to its end (bounded), as a Kubernetes Job runs it. */
function runMain(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`main.js ${args.join(' ')} did not exit within ${COMMAND_TIMEOUT_MS} ms: ${stderr}`));
    }, COMMAND_TIMEOUT_MS);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('main.js migrate and MIGRATIONS=skip', () => {
  let database: ThrowawayDatabase;

  beforeAll(() => ensureBuilt(), 180_000);
  beforeEach(async () => {
    database = await throwawayDatabase();
  });
  afterEach(async () => {
    await database.drop();
  });

  it('refuses to serve an unmigrated database with MIGRATIONS=skip, naming the pending migrations and the command', async () => {
    const failure = await ServerProcess.start({ ...database.env, MIGRATIONS: 'skip' }).then(
      async (server) => {
        await server.stop();
        return undefined;
      },
      (error: Error) => error,
    );
    expect(failure?.message).toMatch(/server exited with 1/);
    expect(failure?.message).toMatch(/MIGRATIONS=skip, but \d+ migration\(s\) have not been applied/);
    expect(failure?.message).toContain('main.js migrate');
    expect(failure?.message).not.toMatch(/\n\s+at /); // a message, not a stack trace
  }, 120_000);

  it('migrates a fresh database and exits 0, after which a server with MIGRATIONS=skip serves; a second run changes nothing', async () => {
    // MIGRATIONS=skip in the Job's environment (a shared ConfigMap) must not stop the command migrating.
    const first = await runMain(['migrate'], { ...database.env, MIGRATIONS: 'skip' });
    expect(first).toEqual({ code: 0, stderr: '' });
    expect(await runMain(['migrate'], database.env)).toEqual({ code: 0, stderr: '' });

    const server = await ServerProcess.start({ ...database.env, MIGRATIONS: 'skip' });
    try {
      const discovery = await fetch(`${server.baseUrl}/.well-known/openid-configuration`);
      expect(discovery.status).toBe(200);
      expect(await fetch(`${server.baseUrl}/health/ready`).then((response) => response.status)).toBe(200);
    } finally {
      await server.stop();
    }
  }, 180_000);
});

describe('main.js with an unknown command', () => {
  beforeAll(() => ensureBuilt(), 180_000);

  it('answers with a usage message and exit code 64, before reading any setting', async () => {
    const result = await runMain(['migrat'], {});
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('Unknown command "migrat"');
  });
});
