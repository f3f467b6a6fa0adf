import { DataSource } from 'typeorm';
import { HousekeepingService } from '@app/core';
import { AdminApi } from '../support/admin';
import { useTestServer } from '../support/server-fixture';

describe(HousekeepingService.name, () => {
  const ctx = useTestServer();

  it('purges expired rows in batches and keeps live ones and those replay detection needs', async () => {
    const db = ctx.server.app.get(DataSource);
    const rows = Array.from({ length: 2500 }, (_, i) => `('expired-${i}', now() - interval '1 minute')`).join(',');
    await db.query(`INSERT INTO revoked_tokens (jti, expires_at) VALUES ${rows}`);
    await db.query(`INSERT INTO revoked_tokens (jti, expires_at) VALUES ('live', now() + interval '1 hour')`);
    await db.query(`INSERT INTO login_attempts (key, failures, window_start) VALUES ('old', 3, now() - interval '2 days'), ('recent', 3, now())`);
    await db.query(`INSERT INTO revoked_grants (grant_id, expires_at) VALUES ('recent-grant', now() + interval '1 minute')`);

    const deleted = await ctx.server.app.get(HousekeepingService).runOnce();

    expect(deleted.revoked_tokens).toBe(2500);
    expect(deleted.login_attempts).toBe(1);
    expect(await db.query(`SELECT jti FROM revoked_tokens`)).toEqual([{ jti: 'live' }]);
    expect(await db.query(`SELECT key FROM login_attempts`)).toEqual([{ key: 'recent' }]);
    expect(await db.query(`SELECT grant_id FROM revoked_grants`)).toEqual([{ grant_id: 'recent-grant' }]);
  });

  it('lets token requests through between the batches of a long purge', async () => {
    const db = ctx.server.app.get(DataSource);
    await db.query(`INSERT INTO audit_events (actor_type, action, occurred_at) SELECT 'anonymous', 'test.old', now() - interval '400 days' FROM generate_series(1, 60000)`);
    let purged = false;
    const purge = ctx.server.app.get(HousekeepingService).runOnce().then((deleted) => {
      purged = true;
      return deleted;
    });
    // Once the first batch is gone (a read that itself has to find a free connection), a client-credentials
    // grant (client lookup, secret check, token): both are answered between two batches, not after the last.
    const remaining = async () => Number((await db.query(`SELECT count(*) AS n FROM audit_events WHERE action = 'test.old'`))[0].n);
    while ((await remaining()) === 60000) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(purged).toBe(false);
    const admin = await AdminApi.connect(ctx.server);
    expect(admin).toBeDefined();
    expect(purged).toBe(false);
    expect((await purge).audit_events).toBe(60000);
  }, 120_000);
});
