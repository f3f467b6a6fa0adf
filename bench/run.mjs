#!/usr/bin/env node
// npm run bench        one default run (about 6 minutes on 2 cores): our server (1 and 2 workers),
//                      oidc-provider and a Fastify hello-world, each on its own fresh PostgreSQL database
// npm run bench:long   10 minutes of mixed load on our server, RSS over time
// Env: DATABASE_URL (server to create databases on; default the local one), BENCH_DURATION (s per
// round, 3), BENCH_ROUNDS (3), BENCH_WARMUP (1), BENCH_CONNECTIONS (32), BENCH_LONG_MINUTES (10),
// BENCH_PHASES (comma list of hello,ours,reference,cluster,baseline; default all), BENCH_SCENARIOS
// (comma list of scenario keys, e.g. cc-es256,code-flow; default all).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

process.env.BENCH_DURATION ??= '3';
process.env.BENCH_WARMUP ??= '1';

const { measure, settings } = await import('./lib/load.mjs');
const { freePort, killAll, startNode, treeRss } = await import('./lib/procs.mjs');
const { ourEnv, prepareOurs, refreshPool, rotateKey } = await import('./lib/ours.mjs');
const { prepareReference } = await import('./lib/reference.mjs');
const { codeFlow, fixed, passwordLogin, refreshRotation } = await import('./lib/scenarios.mjs');

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const MAIN = `${ROOT}dist/apps/auth-server/src/main.js`;
// The server runs with the Node flags of `npm start`, as its users run it.
const START_FLAGS = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')).scripts.start.split(/\s+/).filter((arg) => arg.startsWith('--'));
const LONG = process.argv.includes('--long');
const PHASES = new Set((process.env.BENCH_PHASES ?? 'hello,ours,reference,cluster,baseline').split(','));
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const log = (message) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const MB = (bytes) => bytes / 1024 / 1024;

// ---------------------------------------------------------------- PostgreSQL
const serverUrl = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
const databaseUrl = (name) => Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
const created = [];

async function sql(text, database) {
  const client = new pg.Client({ connectionString: database ? databaseUrl(database) : serverUrl.toString(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

async function freshDatabase(suffix) {
  const name = `bench_${stamp.slice(0, 19).replace(/-/g, '').toLowerCase()}_${suffix}`;
  await sql(`DROP DATABASE IF EXISTS ${name}`);
  await sql(`CREATE DATABASE ${name}`);
  created.push(name);
  return name;
}

async function dropDatabases() {
  for (const name of created.splice(0)) {
    try {
      await sql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } catch (error) {
      log(`could not drop ${name}: ${error.message}`);
    }
  }
}

async function checkPostgres() {
  try {
    const [{ version }] = await sql('SELECT version()');
    return version;
  } catch (error) {
    const where = `${serverUrl.hostname}:${serverUrl.port || 5432}`;
    process.stderr.write(`\nPostgreSQL is unreachable at ${where} (${error.message}).\nStart it, or set DATABASE_URL to a server where this user may CREATE DATABASE.\n`);
    process.exit(2);
  }
}

/** Rows inserted, updated or deleted in one database, from the statistics collector. */
async function rowWrites(database) {
  // A busy backend flushes its statistics within a second, an idle one only after up to 10 s.
  await new Promise((r) => setTimeout(r, 11_000));
  const [row] = await sql('SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint AS n FROM pg_stat_user_tables', database);
  return Number(row.n);
}

async function writesPerFlow(target, database, flows = 40) {
  const before = await rowWrites(database);
  await refreshPool(target, flows);
  return (await rowWrites(database) - before) / flows;
}

// ---------------------------------------------------------------- servers
const results = { date: new Date().toISOString(), machine: machine(), settings: { ...settings }, servers: {}, scenarios: {}, notes: [] };

function machine() {
  return { cpu: os.cpus()[0]?.model, cores: os.availableParallelism(), memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version, platform: `${os.type()} ${os.release()}` };
}

async function startServer(key, args, env, port) {
  const started = Date.now();
  const handle = await startNode(key, args, { env, url: `http://127.0.0.1:${port}/`, timeoutMs: 90_000 });
  const startMs = Date.now() - started;
  await new Promise((r) => setTimeout(r, 2000));
  const idleRss = treeRss(handle.pid);
  results.servers[key] = { startMs, idleRssMiB: +MB(idleRss).toFixed(1) };
  log(`${key}: up in ${startMs} ms, idle RSS ${MB(idleRss).toFixed(0)} MiB`);
  return handle;
}

const ONLY = process.env.BENCH_SCENARIOS ? new Set(process.env.BENCH_SCENARIOS.split(',')) : undefined;

async function scenario(key, server, definition, pid) {
  if (ONLY && !ONLY.has(key)) return undefined;
  const loadBefore = os.loadavg()[0];
  log(`${key} on ${server} (load average ${loadBefore.toFixed(1)})`);
  const result = await measure(definition, pid);
  result.loadAverageBefore = +loadBefore.toFixed(2);
  (results.scenarios[key] ??= {})[server] = result;
  log(`  ${result.rps.toFixed(0)}/s p50 ${result.p50.toFixed(1)} ms p99 ${result.p99.toFixed(1)} ms peak ${MB(result.peakRss).toFixed(0)} MiB errors ${result.errors}`);
  return result;
}

function oursScenarios(target, { all }) {
  const list = [
    ['cc-es256', fixed(target, { method: 'POST', path: target.tokenPath, ...target.ccJwt })],
    ['introspect-jwt', fixed(target, { method: 'POST', ...target.introspectJwt })],
    ['introspect-opaque', fixed(target, { method: 'POST', ...target.introspectOpaque })],
    ['code-flow', codeFlow(target)],
    ['refresh', refreshRotation(target)],
    ['login', passwordLogin(target)],
  ];
  if (all) list.push(['jwks', fixed(target, { path: target.jwksPath })], ['discovery', fixed(target, { path: target.discoveryPath })]);
  return list;
}

async function runOurs(serverKey, { workers }) {
  const database = await freshDatabase(workers ? `ours${workers}w` : 'ours');
  const port = await freePort();
  const env = ourEnv({ databaseUrl: databaseUrl(database), port, extra: workers ? { WORKERS: String(workers) } : {} });
  const handle = await startServer(serverKey, [...START_FLAGS, workers ? here('./cluster.mjs') : MAIN], env, port);
  try {
    const target = await prepareOurs(`http://127.0.0.1:${port}`);
    if (!workers) results.servers[serverKey].rowWritesPerCodeFlow = await writesPerFlow(target, database);
    for (const [key, definition] of oursScenarios(target, { all: !workers })) await scenario(key, serverKey, definition, handle.pid);
    if (!workers) {
      if (!ONLY || ONLY.has('sdk-verify')) await sdkVerify(target);
      await rotateKey(target, 'RS256');
      await scenario('cc-rs256', serverKey, fixed(target, { method: 'POST', path: target.tokenPath, ...target.ccJwt }), handle.pid);
    }
  } finally {
    await handle.stop();
  }
}

async function runReference() {
  const database = await freshDatabase('oidcprovider');
  const port = await freePort();
  const handle = await startServer('oidc-provider', [here('./reference/oidc-provider-server.mjs')], { DATABASE_URL: databaseUrl(database), PORT: String(port), ISSUER: `http://127.0.0.1:${port}`, NODE_ENV: 'production' }, port);
  try {
    const target = await prepareReference(`http://127.0.0.1:${port}`);
    results.servers['oidc-provider'].rowWritesPerCodeFlow = await writesPerFlow(target, database);
    const list = [
      ['cc-es256', fixed(target, { method: 'POST', path: target.tokenPath, ...target.ccJwt })],
      ['cc-rs256', fixed(target, { method: 'POST', path: target.tokenPath, headers: target.ccJwt.headers, body: target.ccRs256Body })],
      ['introspect-opaque', fixed(target, { method: 'POST', ...target.introspectOpaque })],
      ['code-flow', codeFlow(target)],
      ['refresh', refreshRotation(target)],
      ['jwks', fixed(target, { path: target.jwksPath })],
      ['discovery', fixed(target, { path: target.discoveryPath })],
    ];
    for (const [key, definition] of list) await scenario(key, 'oidc-provider', definition, handle.pid);
  } finally {
    await handle.stop();
  }
}

async function runHello() {
  const port = await freePort();
  const handle = await startServer('hello', [here('./reference/hello.mjs')], { PORT: String(port) }, port);
  try {
    await scenario('hello', 'hello', fixed({ base: `http://127.0.0.1:${port}` }, { path: '/' }), handle.pid);
  } finally {
    await handle.stop();
  }
}

function childJson(script, env) {
  const output = execFileSync(process.execPath, [script], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(output.trim().split('\n').pop());
}

/** The SDK is compiled with tsc into bench/results/.sdk (git-ignored); jose alone if that fails. */
async function sdkVerify(target) {
  const outDir = `${ROOT}bench/results/.sdk`;
  let sdkPath;
  try {
    execFileSync(`${ROOT}node_modules/.bin/tsc`, ['-p', `${ROOT}libs/resource-server/tsconfig.build.json`, '--outDir', outDir, '--declaration', 'false', '--sourceMap', 'false'], { stdio: 'pipe' });
    sdkPath = `${outDir}/index.js`;
  } catch (error) {
    results.notes.push(`resource-server SDK did not compile (${String(error.stdout ?? error.message).slice(0, 300)}); local verification measured with jose only`);
  }
  log('SDK local verification');
  const out = childJson(here('./sdk-verify.mjs'), { SDK_PATH: sdkPath ?? '/nonexistent', ISSUER: target.sdk.issuer, AUDIENCE: target.sdk.audience, TOKEN: target.sdk.token });
  if (out.sdk) (results.scenarios['sdk-verify'] ??= {}).ours = out.sdk;
  else results.notes.push(`SDK verification failed: ${out.sdkError?.slice(0, 300)}`);
  (results.scenarios['sdk-verify'] ??= {})['jose jwtVerify'] = out.jose;
}

function runBaseline() {
  log('argon2id hash-only baseline');
  (results.scenarios.login ??= {})['argon2 only'] = childJson(here('./hash-baseline.mjs'), {});
}

// ---------------------------------------------------------------- report
const LABELS = {
  hello: 'GET / (hello-world)',
  'cc-es256': 'client_credentials, JWT ES256',
  'cc-rs256': 'client_credentials, JWT RS256',
  'introspect-jwt': 'introspection of a JWT',
  'introspect-opaque': 'introspection of an opaque token',
  'code-flow': 'authorize->code->token, PKCE+SSO (flows/s)',
  refresh: 'refresh token rotation',
  login: 'password login (POST /login, 4 conn.)',
  jwks: 'JWKS',
  discovery: 'discovery',
  'sdk-verify': 'SDK local JWT verification (in-process)',
};
const SERVER_ORDER = ['ours', 'ours-2w', 'oidc-provider', 'hello', 'argon2 only', 'jose jwtVerify'];
// oidc-provider cannot introspect JWT access tokens: both introspection rows compare with its opaque one.
const REFERENCE_ROW = { 'introspect-jwt': 'introspect-opaque' };

function referenceFor(key) {
  return results.scenarios[REFERENCE_ROW[key] ?? key]?.['oidc-provider'];
}

function table() {
  const hello = results.scenarios.hello?.hello;
  const rows = [['scenario', 'server', 'req/s', 'p50 ms', 'p99 ms', 'peak RSS MiB', 'errors', 'x oidc-provider', 'x hello']];
  for (const [key, label] of Object.entries(LABELS)) {
    const byServer = results.scenarios[key];
    if (!byServer) continue;
    for (const server of SERVER_ORDER) {
      const r = byServer[server];
      if (!r) continue;
      const ours = server.startsWith('ours');
      const ref = ours && key !== 'sdk-verify' ? referenceFor(key) : undefined;
      rows.push([
        label,
        server,
        r.rps.toFixed(0),
        r.p50.toFixed(1),
        r.p99.toFixed(1),
        r.peakRss ? MB(r.peakRss).toFixed(0) : '-',
        r.errors === undefined ? '-' : String(r.errors),
        ref ? `${(r.rps / ref.rps).toFixed(2)}${REFERENCE_ROW[key] ? '*' : ''}` : '-',
        ours && hello && key !== 'sdk-verify' ? (r.rps / hello.rps).toFixed(2) : '-',
      ]);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) => `| ${row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w, i) => (i < 2 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

function targets() {
  const s = results.scenarios;
  const out = [];
  const ratio = (key, server = 'ours') => {
    const ours = s[key]?.[server];
    const ref = referenceFor(key);
    return ours && ref ? ours.rps / ref.rps : undefined;
  };
  const check = (name, value, goal, fmt = (v) => `${v.toFixed(2)}x`) =>
    out.push(`${value === undefined ? 'n/a ' : value >= goal ? 'PASS' : 'FAIL'}  ${name}: ${value === undefined ? 'not measured' : fmt(value)} (target >= ${fmt(goal)})`);
  check('client_credentials JWT ES256 vs oidc-provider', ratio('cc-es256'), 2);
  check('introspection of a JWT vs oidc-provider (opaque; it cannot introspect JWTs)', ratio('introspect-jwt'), 2);
  check('introspection of an opaque token vs oidc-provider', ratio('introspect-opaque'), 2);
  check('authorization code + PKCE with SSO vs oidc-provider', ratio('code-flow'), 2);
  const writes = results.servers.ours?.rowWritesPerCodeFlow;
  if (writes !== undefined) out.push(`${writes <= 3 ? 'PASS' : 'FAIL'}  rows written per code flow (insert+update+delete): ours ${writes.toFixed(1)}, oidc-provider ${results.servers['oidc-provider']?.rowWritesPerCodeFlow?.toFixed(1) ?? '-'} (target <= 3)`);
  for (const key of Object.keys(LABELS)) {
    const ours = s[key]?.ours;
    const ref = referenceFor(key);
    if (ours && ref && key !== 'sdk-verify') out.push(`${ours.p99 <= ref.p99 ? 'PASS' : 'FAIL'}  p99 ${LABELS[key]}: ours ${ours.p99.toFixed(1)} ms, oidc-provider ${ref.p99.toFixed(1)} ms (target <=)`);
  }
  const idle = results.servers.ours?.idleRssMiB;
  const refIdle = results.servers['oidc-provider']?.idleRssMiB;
  if (idle && refIdle) out.push(`${idle <= 1.5 * refIdle ? 'PASS' : 'FAIL'}  idle RSS: ours ${idle} MiB, oidc-provider ${refIdle} MiB = ${(idle / refIdle).toFixed(2)}x (target <= 1.50x)`);
  const login = s.login?.ours;
  const baseline = s.login?.['argon2 only'];
  check('password login vs argon2id verify alone', login && baseline ? login.rps / baseline.rps : undefined, 0.8);
  return out.join('\n');
}

function loads() {
  return Object.values(results.scenarios).flatMap((byServer) => Object.values(byServer).map((r) => r.loadAverageBefore)).filter((v) => v !== undefined);
}
const loadRange = () => (loads().length ? `${Math.min(...loads()).toFixed(1)} to ${Math.max(...loads()).toFixed(1)}` : '-');
const busy = () => loads().some((v) => v > os.availableParallelism());

function summary() {
  const servers = Object.entries(results.servers)
    .map(([key, v]) => `${key}: idle RSS ${v.idleRssMiB} MiB, started in ${v.startMs} ms`)
    .join('; ');
  const m = results.machine;
  return [
    `Run ${results.date} on ${m.cpu} (${m.cores} cores, ${m.memoryGiB} GiB), Node ${m.node}, ${m.platform}; PostgreSQL ${results.postgres}`,
    `Load average (1 min) before the scenarios: ${loadRange()}${busy() ? ' -- WARNING: other work was running on this machine; ratios within one run are comparable only roughly' : ''}`,
    `autocannon: ${settings.connections} connections, warm-up ${settings.warmup} s, ${settings.rounds} rounds x ${settings.duration} s, medians; peak RSS = max over rounds (all processes of the server)`,
    '',
    table(),
    '',
    '* oidc-provider does not introspect JWT access tokens; that row is compared with its opaque-token introspection.',
    'ours-2w = bench/cluster.mjs with 2 workers; the load generator shares the same 2 cores.',
    `Idle RSS after start: ${servers}`,
    ...results.notes,
    '',
    'Targets (issue #8):',
    targets(),
  ].join('\n');
}

// ---------------------------------------------------------------- long mode
async function runLong() {
  const minutes = Number(process.env.BENCH_LONG_MINUTES ?? 10);
  const database = await freshDatabase('long');
  const port = await freePort();
  const handle = await startServer('ours', [...START_FLAGS, MAIN], ourEnv({ databaseUrl: databaseUrl(database), port }), port);
  const samples = [{ atS: 0, rssMiB: results.servers.ours.idleRssMiB }];
  try {
    const target = await prepareOurs(`http://127.0.0.1:${port}`, { refreshTokens: 512 });
    const mix = oursScenarios(target, { all: true });
    const { autocannonRun } = await import('./lib/load.mjs');
    const started = Date.now();
    for (let i = 0; Date.now() - started < minutes * 60_000; i++) {
      const [key, definition] = mix[i % mix.length];
      const result = await autocannonRun({ ...definition.options(), duration: 15 });
      const rssMiB = +MB(treeRss(handle.pid)).toFixed(1);
      samples.push({ atS: Math.round((Date.now() - started) / 1000), scenario: key, rps: Math.round(result.requests.average), rssMiB });
      log(`long: ${key} ${Math.round(result.requests.average)}/s, RSS ${rssMiB} MiB`);
    }
  } finally {
    await handle.stop();
  }
  const afterFirstMinute = samples.find((s) => s.atS >= 60) ?? samples[1];
  const last = samples[samples.length - 1];
  results.long = { minutes, samples, idleRssMiB: samples[0].rssMiB, rssAfterFirstMinuteMiB: afterFirstMinute.rssMiB, finalRssMiB: last.rssMiB };
  const growth = (last.rssMiB / afterFirstMinute.rssMiB - 1) * 100;
  return [
    `Long run ${results.date}: ${minutes} min of mixed load on our server (15 s per scenario, cycling), ${results.machine.cores} cores`,
    ...samples.map((s) => `  t=${String(s.atS).padStart(4)} s  ${(s.scenario ?? 'idle').padEnd(18)} ${String(s.rps ?? '').padStart(6)} req/s  RSS ${s.rssMiB} MiB`),
    `RSS: idle ${samples[0].rssMiB} MiB, after the first minute ${afterFirstMinute.rssMiB} MiB, at the end ${last.rssMiB} MiB: growth ${growth.toFixed(1)}% (target <= 10%) ${growth <= 10 ? 'PASS' : 'FAIL'}`,
  ].join('\n');
}

// ---------------------------------------------------------------- main
async function main() {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first (npm run bench does)`);
  results.postgres = (await checkPostgres()).split(' ').slice(0, 2).join(' ');
  mkdirSync(`${ROOT}bench/results`, { recursive: true });
  let report;
  try {
    if (LONG) {
      report = await runLong();
    } else {
      if (PHASES.has('hello')) await runHello();
      if (PHASES.has('ours')) await runOurs('ours', {});
      if (PHASES.has('reference')) await runReference();
      if (PHASES.has('cluster')) await runOurs('ours-2w', { workers: 2 });
      if (PHASES.has('baseline')) runBaseline();
      report = summary();
    }
  } finally {
    await dropDatabases();
  }
  const file = `${ROOT}bench/results/${stamp}${LONG ? '-long' : ''}.json`;
  writeFileSync(file, `${JSON.stringify({ ...results, report }, null, 2)}\n`);
  process.stdout.write(`\n${report}\n\nRaw results: ${file}\n`);
}

main().catch(async (error) => {
  process.stderr.write(`\nbench failed: ${error.stack ?? error}\n`);
  killAll();
  await dropDatabases().catch(() => {});
  process.exit(1);
});
