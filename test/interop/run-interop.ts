import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Runs one of the .mjs flows of this folder in a child `node` process (the certified client libraries ship
 * only as ES modules, which Jest's CommonJS runtime cannot load) and returns the JSON it printed.
 */
export async function runInteropFlow<T = Record<string, unknown>>(script: string, env: Record<string, string>): Promise<T> {
  const { stdout } = await run(process.execPath, [join(__dirname, script)], { env: { ...process.env, ...env }, timeout: 60_000 });
  return JSON.parse(stdout) as T;
}
