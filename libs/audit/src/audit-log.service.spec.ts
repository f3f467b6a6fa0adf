import type { AppLogger } from '@app/core';
import type { AuditEventRepository } from './audit-event.repository';
import { AuditLog } from './audit-log.service';

describe(AuditLog.name, () => {
  const logger = () => {
    const warnings: unknown[] = [];
    return { warnings, logger: { warn: (...args: unknown[]) => warnings.push(args) } as unknown as AppLogger };
  };

  it('writes the event without secret fields and with the user agent cut short', async () => {
    const rows: unknown[] = [];
    const events = { append: async (row: unknown) => void rows.push(row) } as unknown as AuditEventRepository;
    const sut = new AuditLog(events, logger().logger);
    await sut.record({
      action: 'user.created',
      actor: { type: 'client', id: 'ops' },
      target: { type: 'user', id: 'u1' },
      origin: { ip: '10.0.0.1', userAgent: 'x'.repeat(400) },
      details: { username: 'dana', password: 'hunter2' },
    });
    expect(rows).toEqual([
      { action: 'user.created', actorType: 'client', actorId: 'ops', targetType: 'user', targetId: 'u1', ip: '10.0.0.1', userAgent: 'x'.repeat(300), details: { username: 'dana' } },
    ]);
  });

  it('never fails the caller when the insert fails: it logs a warning', async () => {
    const events = { append: async () => Promise.reject(new Error('database unreachable')) } as unknown as AuditEventRepository;
    const { warnings, logger: log } = logger();
    const sut = new AuditLog(events, log);
    await expect(sut.record({ action: 'signin.failed', actor: { type: 'anonymous' } })).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
  });
});
