#!/usr/bin/env node
// npm run bench:profile [scenario]   where one scenario's CPU goes: our server under autocannon load with
// V8's sampling profiler on, then self time by function and by package, and the stacks in the folded
// format flame graph tools read (bench/results/profile-<scenario>-<time>.folded).
// Scenarios: cc-es256 (default), introspect-jwt, introspect-opaque, jwks. Env: DATABASE_URL,
// BENCH_PROFILE_SECONDS (10), BENCH_CONNECTIONS (32).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { freePort, startNode } from './lib/procs.mjs';
import { ourEnv, prepareOurs } from './lib/ours.mjs';
import { folded, selfTimes } from './lib/cpu-profile.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const scenario = process.argv[2] ?? 'cc-es256';
const seconds = Number(process.env.BENCH_PROFILE_SECONDS ?? 10);
const serverUrl = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
const database = `bench_profile_${Date.now()}`;

async function sql(text) {
  const client = new pg.Client({ connectionString: serverUrl.toString() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function load(target) {
  const requests = {
    'cc-es256': { path: target.tokenPath, method: 'POST', headers: { ...target.ccJwt.headers, 'content-type': 'application/x-www-form-urlencoded' }, body: target.ccJwt.body },
    'introspect-jwt': { path: target.introspectJwt.path, method: 'POST', headers: { ...target.introspectJwt.headers, 'content-type': 'application/x-www-form-urlencoded' }, body: target.introspectJwt.body },
    'introspect-opaque': { path: target.introspectOpaque.path, method: 'POST', headers: { ...target.introspectOpaque.headers, 'content-type': 'application/x-www-form-urlencoded' }, body: target.introspectOpaque.body },
    jwks: { path: target.jwksPath, method: 'GET' },
  };
  const request = requests[scenario];
  if (!request) throw new Error(`unknown scenario ${scenario}; one of ${Object.keys(requests).join(', ')}`);
  const { path, ...options } = request;
  return new Promise((resolve, reject) =>
    autocannon({ url: `${target.base}${path}`, connections: Number(process.env.BENCH_CONNECTIONS ?? 32), duration: seconds, ...options }, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

const profileDir = mkdtempSync(join(tmpdir(), 'meridian-profile-'));
await sql(`CREATE DATABASE ${database}`);
try {
  const port = await freePort();
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();
  const server = await startNode('ours', ['--max-semi-space-size=2', '--cpu-prof', `--cpu-prof-dir=${profileDir}`, `${ROOT}dist/apps/auth-server/src/main.js`], {
    env: ourEnv({ databaseUrl, port }),
    url: `http://127.0.0.1:${port}/health/live`,
  });
  const target = await prepareOurs(`http://127.0.0.1:${port}`, { people: 4, refreshTokens: 4 });
  const result = await load(target);
  await server.stop();
  const [file] = readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error('the server wrote no CPU profile (did it exit cleanly on SIGTERM?)');
  const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8'));
  const { byFunction, byPackage, totalMs } = selfTimes(profile, ROOT);
  const requests = result['2xx'];
  console.log(`${scenario}: ${requests} answers 2xx in ${seconds} s (${Math.round(requests / seconds)}/s), non-2xx ${result.non2xx}; ${totalMs.toFixed(0)} ms of samples`);
  console.log(`\nself time by package (µs per answer, share of busy time)`);
  const busy = totalMs - (byPackage.get('(idle)') ?? 0);
  for (const [name, ms] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
    console.log(`  ${((ms * 1000) / requests).toFixed(1).padStart(7)}  ${name === '(idle)' ? '      ' : `${((100 * ms) / busy).toFixed(1).padStart(5)}%`}  ${name}`);
  }
  console.log(`\nself time by function (top 30)`);
  for (const [name, ms] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    console.log(`  ${((ms * 1000) / requests).toFixed(1).padStart(7)}  ${((100 * ms) / busy).toFixed(1).padStart(5)}%  ${name}`);
  }
  const out = `${ROOT}bench/results`;
  mkdirSync(out, { recursive: true });
  const foldedFile = `${out}/profile-${scenario}-${new Date().toISOString().replace(/[:.]/g, '-')}.folded`;
  writeFileSync(foldedFile, folded(profile, ROOT));
  console.log(`\nfolded stacks: ${foldedFile}`);
} finally {
  rmSync(profileDir, { recursive: true, force: true });
  await sql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
}
