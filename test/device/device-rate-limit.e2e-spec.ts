import { useTestServer } from '../support/server-fixture';
import { hiddenField } from '../support/browser-session';
import { database, enterCode, registerDeviceClient, signedInBrowser, startOk } from '../support/device';

/** RFC 8628 §5.1: user codes are short, so guessing them is limited per IP and per session. */
describe('device verification rate limiting', () => {
  const ctx = useTestServer();

  beforeEach(async () => {
    await database(ctx.server).query(`DELETE FROM device_verification_failures`);
  });

  it('a parallel burst of wrong codes gets exactly 10 tries, then 429 with an HTML message', async () => {
    const browser = await signedInBrowser(ctx.server);
    const form = await browser.get('/device');
    const token = hiddenField(form.text, 'csrf_token');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => browser.post('/device', { csrf_token: token, user_code: 'BCDF-GHJK' })),
    );
    expect(results.filter((result) => result.status === 400)).toHaveLength(10);
    const limited = results.filter((result) => result.status === 429);
    expect(limited).toHaveLength(10);
    expect(limited[0].headers.get('content-type')).toContain('text/html');
    expect(limited[0].headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(Number(limited[0].headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited[0].text).toContain('Too many wrong codes');
  });

  it('once limited, even a right code is refused, from another session on the same IP too', async () => {
    const client = await registerDeviceClient(ctx.admin);
    const started = await startOk(ctx.server, client);
    const browser = await signedInBrowser(ctx.server);
    for (let attempt = 0; attempt < 10; attempt++) expect((await enterCode(browser, 'BCDF-GHJK')).status).toBe(400);
    expect((await enterCode(browser, started.user_code)).status).toBe(429);
    const other = await signedInBrowser(ctx.server);
    expect((await enterCode(other, started.user_code)).status).toBe(429);
  });

  it('right codes do not count as failures', async () => {
    const client = await registerDeviceClient(ctx.admin);
    const started = await startOk(ctx.server, client);
    const browser = await signedInBrowser(ctx.server);
    for (let attempt = 0; attempt < 15; attempt++) expect((await enterCode(browser, started.user_code)).status).toBe(200);
  });

  it('the limit also holds per session', async () => {
    const client = await registerDeviceClient(ctx.admin);
    const started = await startOk(ctx.server, client);
    const browser = await signedInBrowser(ctx.server);
    const sessions: Array<{ id: string }> = await database(ctx.server).query(`SELECT id FROM sso_sessions ORDER BY created_at DESC LIMIT 1`);
    await database(ctx.server).query(
      `INSERT INTO device_verification_failures (key, failures, window_start) VALUES ($1, 10, now())`,
      [`session:${sessions[0].id}`],
    );
    expect((await enterCode(browser, started.user_code)).status).toBe(429);
    const fresh = await signedInBrowser(ctx.server);
    expect((await enterCode(fresh, started.user_code)).status).toBe(200);
  });
});
