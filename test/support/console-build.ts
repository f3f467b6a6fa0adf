import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const BUILD = resolve(ROOT, 'dist/admin-console');

/** The server serves the console from its build; the browser suites build it first when it is missing. */
export function ensureConsoleBuilt(): void {
  if (existsSync(resolve(BUILD, 'index.html'))) return;
  const build = spawnSync(process.execPath, [resolve(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/admin-console/vite.config.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`console build failed:\n${build.stdout}\n${build.stderr}`);
}
