import { randomBytes } from 'node:crypto';
import { AdminApi } from '../support/admin';
import { BrowserSession, hiddenField, submitLogin } from '../support/browser-session';
import { decide, poll, registerDeviceClient, signedInBrowser, startOk } from '../support/device';
import { basicAuth, postForm, request } from '../support/http';
import { Mailbox, resetLinkIn } from '../support/mailbox';
import { OtlpCollector } from '../support/otlp-collector';
import { ensureBuilt, ServerProcess } from '../support/server-process';
import { authorize, authorizeWithPkce, callbackParams, createPerson, introspect, redeemCode, registerWebClient, tokenRequest } from '../support/sign-in';
import { ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, ADMIN_PASSWORD, ADMIN_USERNAME, TestServer } from '../support/test-server';
import { throwawayDatabase, ThrowawayDatabase } from '../support/throwaway-database';

const METRICS_TOKEN = `metrics-${randomBytes(12).toString('hex')}`;
const SMTP_PASSWORD = `smtp-${randomBytes(12).toString('hex')}`;

/**
 * A whole run of the server at its most verbose, with metrics and traces on: every secret that crosses it
 * (client secrets, passwords, tokens, codes, verifiers, device and user codes) is collected, and none may
 * appear in what it wrote, in /metrics, in the exported spans or in the audit events.
 */
describe('no secret in any output', () => {
  let collector: OtlpCollector;
  let database: ThrowawayDatabase;
  let server: ServerProcess;
  let mailbox: Mailbox;
  const secrets = new Map<string, string>();
  const keep = (label: string, value: string | undefined) => {
    if (!value) throw new Error(`the flow gave no ${label}`);
    secrets.set(value, label);
    return value;
  };

  beforeAll(async () => {
    ensureBuilt();
    collector = await OtlpCollector.start();
    mailbox = await Mailbox.start({ login: { user: 'mailer', password: SMTP_PASSWORD } });
    database = await throwawayDatabase();
    server = await ServerProcess.start(
      {
        ...database.env,
        LOG_LEVEL: 'trace',
        AUDIT_STDOUT: 'true',
        METRICS_TOKEN,
        SMTP_URL: `smtp://mailer:${SMTP_PASSWORD}@127.0.0.1:${mailbox.port}`,
        MAIL_FROM: 'noreply@auth.example.com',
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
        OTEL_BSP_SCHEDULE_DELAY: '100',
        BOOTSTRAP_ADMIN_CLIENT_ID: ADMIN_CLIENT_ID,
        BOOTSTRAP_ADMIN_CLIENT_SECRET: ADMIN_CLIENT_SECRET,
        BOOTSTRAP_ADMIN_USERNAME: ADMIN_USERNAME,
        BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      },
      { captureOutput: true, readyTimeoutMs: 120_000 },
    );
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    await collector?.close();
    await mailbox?.close();
    await database?.drop();
  });

  it('drives every flow, then finds none of its secrets in the logs, metrics, spans or audit events', async () => {
    const base = server.baseUrl;
    const asServer = { baseUrl: base } as TestServer;
    keep('bootstrap client secret', ADMIN_CLIENT_SECRET);
    keep('bootstrap admin password', ADMIN_PASSWORD);
    keep('metrics token', METRICS_TOKEN);
    keep('SMTP password', SMTP_PASSWORD);
    keep('bootstrap Basic header', basicAuth(ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET).slice('Basic '.length));
    const admin = await AdminApi.connect(asServer);
    keep('admin access token', admin.token);

    // Admin API answers that carry a secret once.
    const service = await admin.registerClient({ client_name: 'backend', grant_types: ['client_credentials'], scope: 'orders:read' });
    keep('service client secret', service.client_secret);
    const web = await registerWebClient(admin, { first_party: true });
    keep('web client secret', web.client_secret);
    const person = await createPerson(admin);
    keep('person password', person.password);

    // client_credentials with the secret in the body.
    const serviceToken = await postForm<{ access_token: string }>(`${base}/oauth2/token`, { grant_type: 'client_credentials', client_id: service.client_id, client_secret: service.client_secret! });
    expect(serviceToken.status).toBe(200);
    keep('client_credentials access token', serviceToken.body.access_token);

    // A wrong password.
    const wrongPassword = keep('wrong password', `wrong-${randomBytes(8).toString('hex')}`);
    const failing = new BrowserSession(base);
    expect((await submitLogin(failing, await failing.get('/login'), person.username, wrongPassword)).status).toBe(401);

    // Code + PKCE with a password sign-in, then refresh, introspection, revocation and logout.
    const browser = new BrowserSession(base);
    const { url, verifier } = authorizeWithPkce(web.client_id, { scope: 'openid profile offline_access' });
    keep('code_verifier', verifier);
    const code = keep('authorization code', callbackParams(await authorize(browser, url, person)).get('code') ?? undefined);
    const tokens = await redeemCode(base, web, code, verifier);
    expect(tokens.status).toBe(200);
    keep('access token', tokens.body.access_token);
    keep('refresh token', tokens.body.refresh_token);
    const idToken = keep('id_token', tokens.body.id_token);
    const refreshed = await tokenRequest(base, web, { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token! });
    expect(refreshed.status).toBe(200);
    keep('refreshed access token', refreshed.body.access_token);
    keep('rotated refresh token', refreshed.body.refresh_token);
    expect((await introspect(base, web, refreshed.body.access_token)).active).toBe(true);
    const revoked = await postForm(`${base}/oauth2/revoke`, { token: refreshed.body.refresh_token! }, { authorization: basicAuth(web.client_id, web.client_secret!) });
    expect(revoked.status).toBe(200);
    expect((await browser.get(`/oauth2/logout?id_token_hint=${idToken}`)).status).toBeLessThan(500);

    // The device flow.
    const tv = await registerDeviceClient(admin);
    const started = await startOk(asServer, tv);
    keep('device code', started.device_code);
    keep('user code', started.user_code);
    expect((await poll(asServer, tv, started.device_code)).body.error).toBe('authorization_pending');
    expect((await decide(await signedInBrowser(asServer), started.user_code, 'allow')).status).toBeLessThan(400);
    const deviceTokens = await poll(asServer, tv, started.device_code);
    expect(deviceTokens.status).toBe(200);
    keep('device access token', deviceTokens.body.access_token as string);

    // A password reset: the mailed link's token and the new password.
    const forgetful = new BrowserSession(base);
    const forgot = await forgetful.get('/login/forgot');
    await forgetful.post('/login/forgot', { csrf_token: hiddenField(forgot.text, 'csrf_token'), return_to: '/', email: `${person.username}@example.com` });
    const link = new URL(resetLinkIn(await mailbox.waitFor(`${person.username}@example.com`)));
    keep('password reset token', link.searchParams.get('token') ?? undefined);
    const resetForm = await forgetful.get(`${link.pathname}${link.search}`);
    const newPassword = keep('reset password', `reset-${randomBytes(8).toString('hex')}`);
    const resetDone = await forgetful.post('/login/reset', {
      csrf_token: hiddenField(resetForm.text, 'csrf_token'), token: hiddenField(resetForm.text, 'token'), new_password: newPassword, new_password_confirmation: newPassword,
    });
    expect(resetDone.status).toBe(200);

    // Secrets in a URL: an upstream provider's callback carries its code and state.
    const upstreamCode = keep('upstream code', `upstream-code-${randomBytes(8).toString('hex')}`);
    const lastRequest = await request(`${base}/federation/nowhere/callback?code=${upstreamCode}&state=${keep('upstream state', `state-${randomBytes(8).toString('hex')}`)}`);
    expect(lastRequest.status).toBe(404);

    // What the server says about itself.
    const metrics = await request(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.status).toBe(200);
    const audit: unknown[] = [];
    for (let cursor: string | null = '', pages = 0; cursor !== null && pages < 20; pages++) {
      const page: { status: number; body: { items: unknown[]; next_cursor: string | null } } = await admin.get(`/admin/v1/events?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      audit.push(...page.body.items);
      cursor = page.body.next_cursor;
    }
    await collector.waitFor((spans) => spans.find((span) => span.name === 'GET /federation/:name/callback') ?? spans.find((span) => String(span.attributes['url.path']).startsWith('/federation/nowhere/')));
    // Stopping flushes what is still buffered: the last log lines and spans.
    await server.stop();

    const sinks: Record<string, string> = {
      'stdout and stderr': server.output(),
      '/metrics': metrics.text,
      spans: collector.bodies.join('\n'),
      'audit events': JSON.stringify(audit),
    };
    const leaks = Object.entries(sinks).flatMap(([sink, text]) => [...secrets].filter(([value]) => text.includes(value)).map(([, label]) => `${label} in ${sink}`));
    expect(leaks).toEqual([]);
    // Each sink really holds the run, so finding nothing in it means something.
    const evidence = {
      'request log lines': sinks['stdout and stderr'].includes('incoming request'),
      'token counters': sinks['/metrics'].includes('meridian_tokens_issued_total'),
      'token endpoint spans': sinks.spans.includes('"POST /oauth2/token"'),
      'redacted query values in spans': sinks.spans.includes('REDACTED'),
      'failed sign-in audit events': sinks['audit events'].includes('signin.failed'),
      'password reset audit events': sinks['audit events'].includes('user.password_reset'),
      'audit event lines on stdout': sinks['stdout and stderr'].includes('"kind":"audit_event"'),
    };
    expect(Object.entries(evidence).filter(([, present]) => !present).map(([what]) => what)).toEqual([]);
  });
});
