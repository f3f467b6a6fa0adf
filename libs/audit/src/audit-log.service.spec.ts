import type { AppLogger } from '@app/core';
import type { AuditEventRepository } from './audit-event.repository';
import { AuditLog } from './audit-log.service';
import type { AuditExportWorker } from './export/audit-export.worker';

describe(AuditLog.name, () => {
  const exporter = (sinkNames: string[] = []) => {
    const nudges: number[] = [];
    return { nudges, worker: { sinkNames, nudge: () => void nudges.push(1) } as unknown as AuditExportWorker };
  };
  const logger = () => {
    const warnings: unknown[] = [];
    return { warnings, logger: { warn: (...args: unknown[]) => warnings.push(args) } as unknown as AppLogger };
  };

  it('writes the event without secret fields and with the user agent cut short', async () => {
    const rows: unknown[] = [];
    const events = { append: async (row: unknown) => void rows.push(row) } as unknown as AuditEventRepository;
    const sut = new AuditLog(events, exporter().worker, logger().logger);
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
    const sut = new AuditLog(events, exporter().worker, log);
    await expect(sut.record({ action: 'signin.failed', actor: { type: 'anonymous' } })).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
  });

  it('queues the event for the configured sinks in the same append, then wakes the exporter', async () => {
    const calls: unknown[][] = [];
    const events = { append: async (...args: unknown[]) => void calls.push(args) } as unknown as AuditEventRepository;
    const { nudges, worker } = exporter(['webhook', 'stdout']);
    await new AuditLog(events, worker, logger().logger).record({ action: 'client.created', actor: { type: 'client', id: 'ops' } });
    expect(calls).toHaveLength(1);
    expect(calls[0][1]).toEqual(['webhook', 'stdout']);
    expect(nudges).toHaveLength(1);
  });
});
