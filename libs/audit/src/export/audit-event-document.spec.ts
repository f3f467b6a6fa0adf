import { toAuditEventDocument } from './audit-event-document';

describe(toAuditEventDocument.name, () => {
  const row = {
    id: '0b7c3c59-3f3e-4d2b-9a51-7f0d6a2e1c11',
    occurred_at: new Date('2026-05-01T10:00:00.123Z'),
    actor_type: 'person' as const,
    actor_id: 'u1',
    action: 'signin.succeeded',
    target_type: 'user',
    target_id: 'u1',
    ip: '10.0.0.1',
    user_agent: 'curl/8',
    details: { method: 'password' },
  };

  it('maps a row to the documented shape', () => {
    expect(toAuditEventDocument(row, 'https://id.example.com')).toEqual({
      kind: 'audit_event',
      schema_version: 1,
      id: row.id,
      occurred_at: '2026-05-01T10:00:00.123Z',
      issuer: 'https://id.example.com',
      action: 'signin.succeeded',
      actor: { type: 'person', id: 'u1' },
      target: { type: 'user', id: 'u1' },
      origin: { ip: '10.0.0.1', user_agent: 'curl/8' },
      details: { method: 'password' },
    });
  });

  it('gives no target when the event has none, and reads details sent back as text', () => {
    const document = toAuditEventDocument({ ...row, target_type: null, target_id: null, details: '{"a":1}' }, 'https://id.example.com');
    expect(document.target).toBeNull();
    expect(document.details).toEqual({ a: 1 });
  });
});
