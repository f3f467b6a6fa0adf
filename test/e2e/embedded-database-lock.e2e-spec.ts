import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, ServerProcess } from '../support/server-process';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each server in a PID namespace of its own, where it is PID 1: two containers sharing one volume. */
const AS_PID_1 = ['unshare', '--pid', '--fork', '--kill-child', '--'];
const canRunAsPid1 = spawnSync(AS_PID_1[0], [...AS_PID_1.slice(1), 'true']).status === 0;

/**
 * One data folder, one process. Two PGlite instances on one folder each see only their own writes and lose
 * acknowledged ones at the next start, so a second server must refuse; a lock left behind by a process that
 * died must not keep the server down, whatever pid the file names.
 */
describe('embedded database lock on DATA_DIR', () => {
  // Not useTestServer: server processes of their own on one data folder.
  let dataDir: string;
  let lockFile: string;
  const running: ServerProcess[] = [];
  const start = async (launcher?: string[]) => {
    // DATABASE_URL empty: the embedded database, also when the suite itself runs against PostgreSQL.
    const server = await ServerProcess.start({ DATABASE_URL: '', DATA_DIR: dataDir, SHUTDOWN_DRAIN_MS: '0' }, { launcher });
    running.push(server);
    return server;
  };
  const inUse = () => new RegExp(`The embedded database in ${escape(dataDir)} is in use by another process \\(lock file ${escape(lockFile)}`);

  beforeAll(() => {
    ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'auth-lock-'));
    lockFile = join(dataDir, 'server.lock');
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.kill()));
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a second process on the same folder, naming the folder, its lock file and the holder', async () => {
    const first = await start();
    await expect(start()).rejects.toThrow(inUse());
    await expect(start()).rejects.toThrow(`held by pid ${first.pid}`);
    expect((await fetch(`${first.baseUrl}/health/ready`)).status).toBe(200);
  }, 90_000);

  (canRunAsPid1 ? it : it.skip)('refuses a second server when both are PID 1 of their own namespace (two containers, one volume)', async () => {
    const first = await start(AS_PID_1);
    await expect(start(AS_PID_1)).rejects.toThrow(inUse());
    expect((await fetch(`${first.baseUrl}/health/ready`)).status).toBe(200);
  }, 90_000);

  it('starts once the holder has been killed, though its lock file is still there', async () => {
    const first = await start();
    await first.kill();
    expect(existsSync(lockFile)).toBe(true);
    const next = await start();
    expect((await fetch(`${next.baseUrl}/health/ready`)).status).toBe(200);
  }, 90_000);

  it.each([
    ['the test runner (alive, not a server)', String(process.pid)],
    ['PID 1 (alive in every container)', '1'],
  ])('is not held back by a stale lock file naming %s', async (_name, pid) => {
    writeFileSync(lockFile, pid);
    const server = await start();
    expect((await fetch(`${server.baseUrl}/health/ready`)).status).toBe(200);
  }, 90_000);

  it('lets the next server start after a clean stop', async () => {
    const first = await start();
    await first.stop();
    const next = await start();
    expect((await fetch(`${next.baseUrl}/health/ready`)).status).toBe(200);
  }, 90_000);
});
