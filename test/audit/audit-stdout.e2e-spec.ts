import { AdminApi } from '../support/admin';
import { until, validateAuditEvent, WebhookReceiver } from '../support/audit-webhook';
import { ensureBuilt, ServerProcess } from '../support/server-process';
import { ADMIN_CLIENT_ID, ADMIN_CLIENT_SECRET, ADMIN_PASSWORD, ADMIN_USERNAME, TestServer } from '../support/test-server';
import { throwawayDatabase, ThrowawayDatabase } from '../support/throwaway-database';

const SECRET = 'audit-webhook-secret-of-length-32+';

/** The lines of a process's output that are audit events (the rest are its JSON log lines). */
function auditLines(output: string): Array<Record<string, unknown>> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes('"kind":"audit_event"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * The built server as it runs in production: events on stdout as JSON lines beside the log lines, and a
 * webhook that is down when the process is killed gets what it was owed from the next process.
 */
describe('audit export to stdout, and to a webhook across a crash', () => {
  let database: ThrowawayDatabase;
  let receiver: WebhookReceiver;
  let first: ServerProcess | undefined;
  let second: ServerProcess | undefined;
  let accepting = false;

  const env = () => ({
    ...database.env,
    LOG_LEVEL: 'info',
    AUDIT_STDOUT: 'true',
    AUDIT_WEBHOOK_URL: receiver.url,
    AUDIT_WEBHOOK_SECRET: SECRET,
    AUDIT_WEBHOOK_TIMEOUT_MS: '1000',
    BOOTSTRAP_ADMIN_CLIENT_ID: ADMIN_CLIENT_ID,
    BOOTSTRAP_ADMIN_CLIENT_SECRET: ADMIN_CLIENT_SECRET,
    BOOTSTRAP_ADMIN_USERNAME: ADMIN_USERNAME,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
  });

  beforeAll(async () => {
    ensureBuilt();
    database = await throwawayDatabase();
    receiver = await WebhookReceiver.start();
    receiver.status = () => (accepting ? 204 : 503);
  }, 60_000);

  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await receiver?.close();
    await database?.drop();
  });

  it('writes each event as one JSON line in the documented shape; a killed process leaves the webhook its due', async () => {
    first = await ServerProcess.start(env(), { captureOutput: true, readyTimeoutMs: 120_000 });
    const admin = await AdminApi.connect({ baseUrl: first.baseUrl } as TestServer);
    const created = await admin.registerClient({ client_name: 'Shipped app', redirect_uris: ['https://app.example.com/cb'], grant_types: ['authorization_code'] });

    await until(() => auditLines(first!.output()).some((event) => (event.target as { id?: string } | null)?.id === created.client_id));
    const event = auditLines(first.output()).find((candidate) => (candidate.target as { id?: string } | null)?.id === created.client_id)!;
    expect(validateAuditEvent(event)).toBe(true);
    expect(event).toMatchObject({ kind: 'audit_event', action: 'client.created', actor: { type: 'client', id: ADMIN_CLIENT_ID } });
    // Log lines are still there, apart from the events.
    expect(first.output()).toMatch(/"msg":/);

    // The webhook refused it: killed now, the process leaves the event owed.
    await until(() => receiver.received.some((delivery) => delivery.body.includes(created.client_id)));
    await first.kill();
    const refusedSoFar = receiver.received.length;

    accepting = true;
    second = await ServerProcess.start(env(), { readyTimeoutMs: 120_000 });
    await until(() => receiver.received.slice(refusedSoFar).some((delivery) => delivery.body.includes(created.client_id)), 30_000);
  }, 120_000);
});
