import { DataSource } from 'typeorm';
import { HousekeepingService, Metrics } from '@app/core';
import { AdminApi } from '../support/admin';
import { signatureVerifies, until, validateAuditEvent, WebhookReceiver } from '../support/audit-webhook';
import { startTestServer, TestServer } from '../support/test-server';

const SECRET = 'audit-webhook-secret-of-length-32+';

describe('audit export to a signed webhook', () => {
  let receiver: WebhookReceiver;
  let server: TestServer;
  let admin: AdminApi;
  let db: DataSource;
  const statuses: number[] = [];
  /** What the receiver answers next; 204 once these run out. */
  let nextStatuses: number[] = [];

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    receiver.status = () => {
      const status = nextStatuses.shift() ?? 204;
      statuses.push(status);
      return status;
    };
    server = await startTestServer({ AUDIT_WEBHOOK_URL: receiver.url, AUDIT_WEBHOOK_SECRET: SECRET });
    admin = await AdminApi.connect(server);
    db = server.app.get(DataSource);
  });

  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });

  async function recordedIds(action: string): Promise<string[]> {
    return (await db.query(`SELECT id FROM audit_events WHERE action = $1 ORDER BY occurred_at, id`, [action])).map((row: { id: string }) => row.id);
  }

  async function owed(): Promise<number> {
    const [row] = await db.query(`SELECT count(*)::int AS owed FROM audit_deliveries`);
    return row.owed;
  }

  it('POSTs each recorded event, signed with the shared secret, in the documented shape', async () => {
    const client = await admin.registerClient({ client_name: 'Exported app', redirect_uris: ['https://app.example.com/cb'], grant_types: ['authorization_code'] });
    const [id] = await recordedIds('client.created');
    await until(() => receiver.accepted(statuses).some((event) => event.id === id));

    const delivery = receiver.received.find((candidate) => candidate.body.includes(id))!;
    expect(delivery.headers['content-type']).toBe('application/json');
    expect(delivery.headers['meridian-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    expect(signatureVerifies(delivery, SECRET)).toBe(true);
    expect(signatureVerifies({ ...delivery, body: delivery.body.replace('Exported', 'Tampered') }, SECRET)).toBe(false);
    expect(signatureVerifies(delivery, 'another-secret-of-the-same-length!')).toBe(false);

    const event = receiver.accepted(statuses).find((candidate) => candidate.id === id)!;
    expect(validateAuditEvent(event)).toBe(true);
    expect(event).toMatchObject({
      kind: 'audit_event', schema_version: 1, issuer: server.config.issuer, action: 'client.created',
      actor: { type: 'client' }, target: { type: 'client', id: client.client_id },
    });
    await until(async () => (await owed()) === 0);
  });

  it('sends a refused batch again until the receiver takes it, losing no event', async () => {
    nextStatuses = [503, 500];
    const before = receiver.received.length;
    for (let index = 0; index < 3; index++) {
      await admin.registerClient({ client_name: `Retried app ${index}`, redirect_uris: ['https://app.example.com/cb'], grant_types: ['authorization_code'] });
    }
    const ids = await recordedIds('client.created');
    await until(() => ids.every((id) => receiver.accepted(statuses).some((event) => event.id === id)), 30_000);

    // The two refusals came first, then an accepted POST carried what they had carried.
    const attempts = statuses.slice(before);
    expect(attempts.slice(0, 2)).toEqual([503, 500]);
    expect(attempts.slice(2).every((status) => status < 300)).toBe(true);
    const refusedIds = receiver.received.slice(before, before + 2).flatMap((delivery) => (JSON.parse(delivery.body) as { events: Array<{ id: string }> }).events.map((event) => event.id));
    const acceptedIds = new Set(receiver.accepted(statuses).map((event) => event.id));
    expect(refusedIds.length).toBeGreaterThan(0);
    expect(refusedIds.every((id) => acceptedIds.has(id))).toBe(true);
    // Every attempt is signed anew, each with a delivery id of its own.
    expect(receiver.received.slice(before).every((delivery) => signatureVerifies(delivery, SECRET))).toBe(true);
    expect(new Set(receiver.received.map((delivery) => delivery.headers['meridian-delivery'])).size).toBe(receiver.received.length);
    await until(async () => (await owed()) === 0);
  }, 60_000);

  it('shows how far the sink is behind on /metrics', async () => {
    // The webhook's queue, as the gauges count it: one old event still owed.
    const [{ id }] = await db.query(
      `INSERT INTO audit_events (actor_type, action, occurred_at) VALUES ('anonymous', 'test.owed', now() - interval '1 hour') RETURNING id`,
    );
    await db.query(`INSERT INTO audit_deliveries (event_id, sink, created_at, next_attempt_at) VALUES ($1, 'webhook', now() - interval '1 hour', now() + interval '1 hour')`, [id]);
    const text = await server.app.get(Metrics).exposition();
    expect(text).toMatch(/^meridian_audit_export_pending\{sink="webhook"\} 1$/m);
    expect(Number(/^meridian_audit_export_oldest_seconds\{sink="webhook"\} ([\d.]+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(3500);
    await db.query(`DELETE FROM audit_deliveries WHERE event_id = $1`, [id]);
  });

  it('purges events past their retention in batches, but keeps those the webhook still owes', async () => {
    await db.query(
      `INSERT INTO audit_events (actor_type, action, occurred_at) SELECT 'anonymous', 'test.expired', now() - interval '400 days' FROM generate_series(1, 2500)`,
    );
    const [{ id: owedId }] = await db.query(
      `INSERT INTO audit_events (actor_type, action, occurred_at) VALUES ('anonymous', 'test.expired_owed', now() - interval '400 days') RETURNING id`,
    );
    // Owed to the webhook, not yet due; and an old event owed only to stdout, a sink this server has off.
    await db.query(`INSERT INTO audit_deliveries (event_id, sink, next_attempt_at) VALUES ($1, 'webhook', now() + interval '1 hour')`, [owedId]);
    const [{ id: offSinkId }] = await db.query(
      `INSERT INTO audit_events (actor_type, action, occurred_at) VALUES ('anonymous', 'test.expired_off_sink', now() - interval '400 days') RETURNING id`,
    );
    await db.query(`INSERT INTO audit_deliveries (event_id, sink) VALUES ($1, 'stdout')`, [offSinkId]);

    const deleted = await server.app.get(HousekeepingService).runOnce();

    expect(deleted.audit_events).toBe(2501);
    expect(await db.query(`SELECT action FROM audit_events WHERE action LIKE 'test.expired%'`)).toEqual([{ action: 'test.expired_owed' }]);
    expect(await db.query(`SELECT sink FROM audit_deliveries WHERE event_id = $1`, [offSinkId])).toEqual([]);
    expect((await recordedIds('client.created')).length).toBe(4);
  }, 60_000);
});
