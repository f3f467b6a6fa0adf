// Baseline for password login: argon2id verifications per second at our settings (libs/users
// password-hasher.service.ts: m=19456 KiB, t=2, p=1) and the same concurrency limit (one per core, >= 2).
// Prints one JSON line: { rps, p50, p99, rounds }.
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import argon2 from 'argon2';

const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };
const seconds = Number(process.env.BENCH_DURATION ?? 4);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const concurrency = Math.max(2, availableParallelism());
const password = 'correct horse battery staple';
const hash = await argon2.hash(password, OPTIONS);

async function round(duration) {
  const latencies = [];
  const end = performance.now() + duration * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        if (!(await argon2.verify(hash, password))) throw new Error('verify failed');
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / ((performance.now() - started) / 1000), p50: latencies[latencies.length >> 1], p99: latencies[Math.floor(latencies.length * 0.99)] };
}

await round(1);
const results = [];
for (let i = 0; i < rounds; i++) results.push(await round(seconds));
const median = (key) => results.map((r) => r[key]).sort((a, b) => a - b)[results.length >> 1];
process.stdout.write(`${JSON.stringify({ rps: median('rps'), p50: median('p50'), p99: median('p99'), concurrency, rounds: results })}\n`);
