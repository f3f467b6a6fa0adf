// `npm test`: the whole jest suite in band, as a few jest processes run one after the other (--shard).
// Each test file loads the app's module graph anew and Jest keeps part of every one until its process
// ends; in one process the heap grew past V8's limit on the embedded database. Split, every process
// stays small. Arguments are passed to each shard; TEST_SHARDS sets how many (default 3).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const shards = Math.max(1, Number(process.env.TEST_SHARDS ?? 3));
const jest = fileURLToPath(new URL('../node_modules/jest/bin/jest.js', import.meta.url));
let exitCode = 0;
for (let shard = 1; shard <= shards; shard++) {
  const args = ['--experimental-vm-modules', '--max-old-space-size=6144', jest, '--runInBand', '--passWithNoTests'];
  if (shards > 1) args.push(`--shard=${shard}/${shards}`);
  const result = spawnSync(process.execPath, [...args, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.status !== 0) exitCode = result.status ?? 1;
}
process.exit(exitCode);
