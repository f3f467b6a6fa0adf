// autocannon rounds: warm-up, then N bounded rounds; medians of throughput and latency, peak RSS.
import autocannon from 'autocannon';
import { rssSampler } from './procs.mjs';

export const settings = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 32),
  duration: Number(process.env.BENCH_DURATION ?? 4),
  warmup: Number(process.env.BENCH_WARMUP ?? 1.5),
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
};

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export const percentile = (sortedValues, p) =>
  sortedValues.length ? sortedValues[Math.min(sortedValues.length - 1, Math.floor((p / 100) * sortedValues.length))] : NaN;

function run(options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: settings.connections, pipelining: 1, timeout: 10, ...options }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

/**
 * One scenario against one server. `scenario.options()` gives fresh autocannon options per round.
 * A scenario with `flows` (a custom sequence) reports completed flows/s and flow latency instead of
 * requests/s; `ok` names the status class that counts as success (default 2xx).
 */
export async function measure(scenario, pid) {
  const seconds = settings.duration;
  const connections = scenario.connections ?? settings.connections;
  await run({ ...scenario.options(), connections, duration: settings.warmup });
  scenario.afterRound?.();
  const rounds = [];
  for (let i = 0; i < settings.rounds; i++) {
    scenario.flows?.reset();
    const sampler = rssSampler(pid);
    const result = await run({ ...scenario.options(), connections, duration: seconds });
    const peakRss = sampler.stop();
    scenario.afterRound?.();
    const elapsed = result.duration || seconds;
    const okClass = scenario.ok ?? '2xx';
    let rps, p50, p99;
    if (scenario.flows) {
      const latencies = scenario.flows.latencies.sort((a, b) => a - b);
      rps = latencies.length / elapsed;
      p50 = percentile(latencies, 50);
      p99 = percentile(latencies, 99);
    } else {
      rps = result[okClass] / elapsed;
      p50 = result.latency.p50;
      p99 = result.latency.p99;
    }
    const statusErrors = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'] - (scenario.flows ? result['2xx'] + result['3xx'] : result[okClass]);
    rounds.push({
      rps,
      p50,
      p99,
      peakRss,
      requests: result.requests.total,
      errors: result.errors + result.timeouts + statusErrors + (scenario.flows?.failures ?? 0),
      statuses: result.statusCodeStats,
    });
  }
  return {
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    peakRss: Math.max(...rounds.map((r) => r.peakRss)),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    rounds,
  };
}

export { run as autocannonRun };
