import { request } from '../support/http';
import { parseExposition, valueOf } from '../support/prometheus-text';
import { ensureBuilt, ServerProcess } from '../support/server-process';
import { freePort, usesPostgres } from '../support/test-server';
import { throwawayDatabase, ThrowawayDatabase } from '../support/throwaway-database';

const DISCOVERY = '/.well-known/openid-configuration';

/** WORKERS > 1 needs PostgreSQL: the embedded database serves one process. */
(usesPostgres() ? describe : describe.skip)('METRICS_PORT with WORKERS=2', () => {
  let database: ThrowawayDatabase;
  let server: ServerProcess;
  let metricsPort = 0;

  beforeAll(async () => {
    ensureBuilt();
    database = await throwawayDatabase();
    metricsPort = await freePort();
    server = await ServerProcess.start({ ...database.env, WORKERS: '2', METRICS_PORT: String(metricsPort) }, { readyTimeoutMs: 120_000 });
    // Ready means one worker listens; the scrape answers once every worker does (the second starts after the first).
    const deadline = Date.now() + 60_000;
    while ((await request(`http://127.0.0.1:${metricsPort}/metrics`)).status !== 200) {
      if (Date.now() > deadline) throw new Error('the metrics of both workers never became available');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  const discoveryRequests = async () => {
    const response = await request(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(response.status).toBe(200);
    return valueOf(parseExposition(response.text), 'meridian_http_requests_total', { route: DISCOVERY, method: 'GET', status: '200' });
  };

  it('the primary serves the sum of the workers: every request counts once, whichever worker took it', async () => {
    const before = await discoveryRequests();
    // New connections each time, so the kernel spreads them over both workers.
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`${server.baseUrl}${DISCOVERY}`, { headers: { connection: 'close' } });
      expect(response.status).toBe(200);
      await response.text();
    }
    expect((await discoveryRequests()) - before).toBe(20);
    expect((await request(`${server.baseUrl}/metrics`)).status).toBe(404);
  });
});
