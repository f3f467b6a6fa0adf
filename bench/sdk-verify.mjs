// Local JWT verification per second with the resource-server SDK (compiled CommonJS at SDK_PATH),
// and with jose's jwtVerify directly as a baseline. The SDK fetches discovery and the JWKS once from
// the running server, then verifies locally. Prints one JSON line.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const { SDK_PATH, ISSUER, AUDIENCE, TOKEN } = process.env;
const seconds = Number(process.env.BENCH_DURATION ?? 4);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const concurrency = 32;

async function measure(verify) {
  await verify();
  const results = [];
  for (let r = 0; r < rounds + 1; r++) {
    const duration = r === 0 ? 1 : seconds;
    const latencies = [];
    const started = performance.now();
    const end = started + duration * 1000;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) {
          const t0 = performance.now();
          await verify();
          latencies.push(performance.now() - t0);
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    if (r > 0) results.push({ rps: latencies.length / ((performance.now() - started) / 1000), p50: latencies[latencies.length >> 1], p99: latencies[Math.floor(latencies.length * 0.99)] });
  }
  const median = (key) => results.map((x) => x[key]).sort((a, b) => a - b)[results.length >> 1];
  return { rps: median('rps'), p50: median('p50'), p99: median('p99'), rounds: results };
}

const out = {};
try {
  const { TokenVerifier } = createRequire(import.meta.url)(SDK_PATH);
  const verifier = new TokenVerifier({ issuer: ISSUER, audience: AUDIENCE, mode: 'jwt' });
  out.sdk = await measure(() => verifier.verify(TOKEN));
  out.sdkSource = 'libs/resource-server compiled with tsc';
} catch (error) {
  out.sdkError = String(error.stack ?? error);
}
const discovery = await (await fetch(`${ISSUER}/.well-known/openid-configuration`)).json();
const jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));
out.jose = await measure(() => jwtVerify(TOKEN, jwks, { issuer: ISSUER, audience: AUDIENCE }));
process.stdout.write(`${JSON.stringify(out)}\n`);
