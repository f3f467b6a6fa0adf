import { BrowserSession, submitLogin } from '../support/browser-session';
import { basicAuth, postForm, request } from '../support/http';
import { parseExposition, Sample, valueOf } from '../support/prometheus-text';
import { useTestServer } from '../support/server-fixture';
import { createPerson } from '../support/sign-in';
import { freePort } from '../support/test-server';

const METRICS_TOKEN = 'scrape-token-for-tests-0123456789';

async function scrape(baseUrl: string, token = METRICS_TOKEN): Promise<Sample[]> {
  const response = await request(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`scrape: ${response.status} ${response.text}`);
  return parseExposition(response.text);
}

async function signIn(baseUrl: string, username: string, password: string): Promise<number> {
  const browser = new BrowserSession(baseUrl);
  const page = await browser.get('/login');
  return (await submitLogin(browser, page, username, password)).status;
}

describe('GET /metrics behind METRICS_TOKEN on the main port', () => {
  const ctx = useTestServer({ METRICS_TOKEN, LOGIN_MAX_FAILURES: '2' });

  it('refuses a scrape without the token, or with another one, with 401 and a Bearer challenge', async () => {
    const none = await request(`${ctx.server.baseUrl}/metrics`);
    const wrong = await request(`${ctx.server.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } });
    for (const response of [none, wrong]) {
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(response.body).toMatchObject({ error: 'invalid_token' });
      expect(response.text).not.toContain('meridian_');
    }
  });

  it('serves the Prometheus text format to the token bearer', async () => {
    const response = await request(`${ctx.server.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const names = new Set(parseExposition(response.text).map((sample) => sample.name));
    for (const name of ['nodejs_eventloop_lag_seconds', 'process_resident_memory_bytes', 'meridian_db_pool_connections', 'meridian_logout_outbox_depth']) {
      expect(names).toContain(name);
    }
  });

  it('moves the counters of a flow by exactly what the flow did, under bounded labels', async () => {
    const base = ctx.server.baseUrl;
    const service = await ctx.admin.registerClient({ client_name: 'metered service', grant_types: ['client_credentials'], scope: 'orders:read' });
    const person = await createPerson(ctx.admin);
    const before = await scrape(base);

    const issued = await postForm(`${base}/oauth2/token`, { grant_type: 'client_credentials' }, { authorization: basicAuth(service.client_id, service.client_secret!) });
    const refused = await postForm(`${base}/oauth2/token`, { grant_type: 'client_credentials' }, { authorization: basicAuth(service.client_id, 'not-the-secret') });
    expect([issued.status, refused.status]).toEqual([200, 401]);
    expect(await signIn(base, person.username, person.password)).toBe(303);
    // LOGIN_MAX_FAILURES=2: the second failure locks the name, the third is refused under the lock.
    const attempts = [];
    for (let i = 0; i < 3; i++) attempts.push(await signIn(base, 'nobody-by-this-name', 'wrong password'));
    expect(attempts).toEqual([401, 401, 401]);
    expect((await ctx.admin.get(`/admin/v1/clients/${service.client_id}`)).status).toBe(200);
    expect((await request(`${base}/no/such/path/${service.client_id}`)).status).toBe(404);

    const after = await scrape(base);
    const moved = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(moved('meridian_tokens_issued_total', { grant_type: 'client_credentials', client_type: 'confidential' })).toBe(1);
    expect(moved('meridian_http_requests_total', { route: '/oauth2/token', method: 'POST', status: '200' })).toBe(1);
    expect(moved('meridian_http_requests_total', { route: '/oauth2/token', method: 'POST', status: '401' })).toBe(1);
    expect(moved('meridian_oauth_errors_total', { error: 'invalid_client', endpoint: '/oauth2/token' })).toBe(1);
    expect(moved('meridian_sign_ins_total', { method: 'password', result: 'succeeded' })).toBe(1);
    expect(moved('meridian_sign_ins_total', { method: 'password', result: 'credentials' })).toBe(2);
    expect(moved('meridian_sign_ins_total', { method: 'password', result: 'locked' })).toBe(1);
    expect(moved('meridian_lockouts_total')).toBe(1);
    expect(moved('meridian_http_requests_total', { route: '/admin/v1/clients/:clientId', method: 'GET', status: '200' })).toBe(1);
    expect(moved('meridian_http_requests_total', { route: 'unmatched', method: 'GET', status: '404' })).toBe(1);
    expect(moved('meridian_http_request_duration_seconds_count', { route: '/oauth2/token', method: 'POST' })).toBe(2);
    expect(moved('meridian_db_query_duration_seconds_count', { operation: 'select' })).toBeGreaterThan(0);

    // No label anywhere carries a client id, a user name or a raw path.
    const labelValues = after.flatMap((sample) => Object.values(sample.labels));
    for (const leaked of [service.client_id, person.username, 'nobody-by-this-name', '/no/such/path']) {
      expect(labelValues.filter((value) => value.includes(leaked))).toEqual([]);
    }
  });
});

describe('GET /metrics with neither METRICS_PORT nor METRICS_TOKEN', () => {
  const ctx = useTestServer();

  it('does not exist', async () => {
    const response = await request(`${ctx.server.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(404);
    expect(response.text).not.toContain('meridian_');
  });
});

describe('GET /metrics on METRICS_PORT', () => {
  let metricsPort = 0;
  const env: Record<string, string> = {};
  beforeAll(async () => {
    metricsPort = await freePort();
    env.METRICS_PORT = String(metricsPort);
  });
  const ctx = useTestServer(env);

  it('is served on its own port only, and nothing else is', async () => {
    const separate = await request(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(separate.status).toBe(200);
    expect(separate.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(parseExposition(separate.text).some((sample) => sample.name === 'meridian_http_requests_total')).toBe(true);
    expect((await request(`http://127.0.0.1:${metricsPort}/oauth2/token`)).status).toBe(404);
    expect((await request(`http://127.0.0.1:${metricsPort}/metrics`, { method: 'POST' })).status).toBe(405);
    expect((await request(`${ctx.server.baseUrl}/metrics`)).status).toBe(404);
  });
});
