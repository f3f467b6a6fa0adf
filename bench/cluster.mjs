// Runs N workers of the built server on one port with node:cluster (shared state lives in PostgreSQL).
// The first worker starts alone so it runs the migrations and the bootstrap; the others follow.
//   WORKERS=2 node bench/cluster.mjs   (default: one per core)
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/apps/auth-server/src/main.js', import.meta.url));
const workers = Number(process.env.WORKERS ?? availableParallelism());
let stopping = false;

cluster.setupPrimary({ exec: main });

function fork() {
  return new Promise((resolve, reject) => {
    const worker = cluster.fork();
    worker.once('listening', () => resolve(worker));
    worker.once('exit', (code) => reject(new Error(`worker exited with ${code} before listening`)));
  });
}

function stop(code) {
  stopping = true;
  for (const worker of Object.values(cluster.workers)) worker.process.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
  cluster.on('exit', () => Object.keys(cluster.workers).length === 0 && process.exit(code));
}

cluster.on('exit', (worker, code) => {
  if (stopping) return;
  process.stderr.write(`worker ${worker.process.pid} exited (${code}); stopping\n`);
  stop(1);
});
process.once('SIGTERM', () => stop(0));
process.once('SIGINT', () => stop(0));

try {
  await fork();
  await Promise.all(Array.from({ length: workers - 1 }, fork));
  process.stdout.write(`listening with ${workers} workers\n`);
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  stop(1);
}
