import { AdminApi } from '../support/admin';
import { BrowserSession } from '../support/browser-session';
import { basicAuth, postForm } from '../support/http';
import { CollectedSpan, OtlpCollector, SPAN_KIND_SERVER } from '../support/otlp-collector';
import { ensureBuilt, ServerProcess } from '../support/server-process';
import { authorize, authorizeWithPkce, callbackParams, createPerson, redeemCode, registerWebClient } from '../support/sign-in';
import { ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, TestServer } from '../support/test-server';
import { throwawayDatabase, ThrowawayDatabase } from '../support/throwaway-database';

/**
 * Tracing has to start before `http` and `pg` are first loaded, so the honest test is the real server as
 * its own process, exporting to a collector in this one.
 */
describe('traces over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set', () => {
  let collector: OtlpCollector;
  let database: ThrowawayDatabase;
  let server: ServerProcess;

  beforeAll(async () => {
    ensureBuilt();
    collector = await OtlpCollector.start();
    database = await throwawayDatabase();
    server = await ServerProcess.start({
      ...database.env,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
      OTEL_SERVICE_NAME: 'meridian-auth-under-test',
      // Spans are batched; a short delay lets the test see them soon instead of after the default 5 s.
      OTEL_BSP_SCHEDULE_DELAY: '100',
      BOOTSTRAP_ADMIN_CLIENT_ID: ADMIN_CLIENT_ID,
      BOOTSTRAP_ADMIN_CLIENT_SECRET: ADMIN_CLIENT_SECRET,
    }, { readyTimeoutMs: 120_000 });
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await collector?.close();
    await database?.drop();
  });

  it('a token request is one trace: the HTTP server span, the handler span under it, and the database statements', async () => {
    // The code's redemption is one atomic UPDATE: a token request that always reaches the database (a
    // client_credentials token may be issued from cached state alone).
    const admin = await AdminApi.connect({ baseUrl: server.baseUrl } as TestServer);
    const web = await registerWebClient(admin, { first_party: true });
    const person = await createPerson(admin);
    const { url, verifier } = authorizeWithPkce(web.client_id);
    const code = callbackParams(await authorize(new BrowserSession(server.baseUrl), url, person)).get('code')!;
    const response = await redeemCode(server.baseUrl, web, code, verifier);
    expect(response.status).toBe(200);

    // The admin token request is traced too; the redemption is the token request with statements in its trace.
    const trace = await collector.waitFor((spans) => {
      for (const http of spans.filter((span) => span.kind === SPAN_KIND_SERVER && span.name === 'POST /oauth2/token')) {
        const inTrace = spans.filter((span) => span.traceId === http.traceId);
        const handler = inTrace.find((span) => span.name === 'TokenController.token');
        const database = inTrace.filter((span) => span.attributes['db.system.name'] === 'postgresql' || span.attributes['db.system'] === 'postgresql');
        if (handler && database.length > 0) return { http, handler, database, inTrace };
      }
      return undefined;
    });

    expect(trace.http.serviceName).toBe('meridian-auth-under-test');
    expect(trace.http.attributes).toMatchObject({ 'http.request.method': 'POST', 'url.path': '/oauth2/token', 'http.route': '/oauth2/token', 'http.response.status_code': 200 });
    expect(trace.database.some((span) => /^UPDATE/i.test(String(span.attributes['db.query.text'])))).toBe(true);
    expect(trace.handler.parentSpanId).toBe(trace.http.spanId);
    // Every database span descends from the request's server span.
    const byId = new Map(trace.inTrace.map((span) => [span.spanId, span]));
    const rootOf = (span: CollectedSpan): CollectedSpan => (span.parentSpanId && byId.has(span.parentSpanId) ? rootOf(byId.get(span.parentSpanId)!) : span);
    for (const statement of trace.database) expect(rootOf(statement).spanId).toBe(trace.http.spanId);
  });

  it('leaves the probes out of the traces', async () => {
    expect((await fetch(`${server.baseUrl}/health/ready`)).status).toBe(200);
    await postForm(`${server.baseUrl}/oauth2/token`, { grant_type: 'client_credentials' }, { authorization: basicAuth(ADMIN_CLIENT_ID, 'wrong') });
    // The later request's span arriving shows the earlier probe's would have arrived too.
    await collector.waitFor((spans) => spans.find((span) => span.name === 'POST /oauth2/token' && span.attributes['http.response.status_code'] === 401));
    expect(collector.spans.filter((span) => String(span.attributes['url.path'] ?? '').startsWith('/health/'))).toEqual([]);
  });
});
