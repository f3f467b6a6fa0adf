import { Metrics } from './metrics.service';

async function sampleOf(sut: Metrics, name: string, labels: Record<string, string>): Promise<number | undefined> {
  const metric = (await sut.registry.getMetricsAsJSON()).find((candidate) => candidate.name === name);
  const value = metric?.values.find((entry) => Object.entries(labels).every(([key, wanted]) => String(entry.labels[key]) === wanted));
  return value?.value;
}

describe(Metrics.name, () => {
  it('times an upstream call as ok, as error when it throws, and as error when its answer is a failure', async () => {
    const sut = new Metrics();
    await sut.timeUpstream('oidc', async () => 'answer');
    await expect(sut.timeUpstream('oidc', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await sut.timeUpstream('ldap', async () => ({ ok: false }), (answer) => !answer.ok);
    const count = 'meridian_upstream_request_duration_seconds_count';
    const metric = (await sut.registry.getMetricsAsJSON()).find((candidate) => candidate.name === 'meridian_upstream_request_duration_seconds');
    const counts = metric?.values.filter((entry) => (entry as { metricName?: string }).metricName === count).map((entry) => [entry.labels.provider_type, entry.labels.outcome, entry.value]);
    expect(counts).toEqual(expect.arrayContaining([['oidc', 'ok', 1], ['oidc', 'error', 1], ['ldap', 'error', 1]]));
  });

  it('reads scrape-time gauges when collected, and leaves a gauge empty when its read fails', async () => {
    const sut = new Metrics();
    let depth = 3;
    sut.gaugeOnScrape('test_depth', 'depth', ['status'], () => [{ labels: { status: 'pending' }, value: depth }]);
    sut.gaugeOnScrape('test_broken', 'broken', ['status'], () => Promise.reject(new Error('database down')));
    expect(await sampleOf(sut, 'test_depth', { status: 'pending' })).toBe(3);
    depth = 5;
    expect(await sampleOf(sut, 'test_depth', { status: 'pending' })).toBe(5);
    expect(await sut.exposition()).not.toMatch(/^test_broken\{/m);
  });

  it('counts sign-ins, token issuance and lockouts under their labels', async () => {
    const sut = new Metrics();
    sut.signIn('password', 'credentials');
    sut.signIn('password', 'credentials');
    sut.tokenIssued('client_credentials', 'confidential');
    sut.lockout();
    expect(await sampleOf(sut, 'meridian_sign_ins_total', { method: 'password', result: 'credentials' })).toBe(2);
    expect(await sampleOf(sut, 'meridian_tokens_issued_total', { grant_type: 'client_credentials', client_type: 'confidential' })).toBe(1);
    expect(await sampleOf(sut, 'meridian_lockouts_total', {})).toBe(1);
  });
});
