import { AppConfig } from '@app/core';
import { auditPurgeTasks } from './audit-purge';

describe(auditPurgeTasks.name, () => {
  it('drops events past the retention when nothing is exported', () => {
    expect(auditPurgeTasks(new AppConfig({ AUDIT_RETENTION_DAYS: '30' }).audit)).toEqual([
      { table: 'audit_events', where: "occurred_at < now() - interval '30 days'" },
    ]);
  });

  it('keeps events a configured sink still owes, and only for the sinks configured', () => {
    const [task] = auditPurgeTasks(new AppConfig({ AUDIT_STDOUT: 'true' }).audit);
    expect(task.where).toContain("interval '365 days'");
    expect(task.where).toContain("owed.sink IN ('stdout')");
  });
});
