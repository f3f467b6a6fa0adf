import { useTestServer } from '../support/server-fixture';
import { BrowserSession, hiddenField } from '../support/browser-session';
import { database, enterCode, registerDeviceClient, signedInBrowser, startOk } from '../support/device';

const LIMIT = 10;

/** RFC 8628 §5.1 (user code brute forcing) and §6.1 (user code entropy); RFC 9700 §4.7 for the form. */
describe('RFC 8628 §5.1: device user-code guessing', () => {
  const ctx = useTestServer();

  beforeEach(async () => {
    await database(ctx.server).query(`DELETE FROM device_verification_failures`);
  });

  const wrongCodes = (browser: BrowserSession, count: number) => Promise.all(Array.from({ length: count }, () => enterCode(browser, 'BCDF-GHJK')));

  it('RFC 8628 §6.1: user codes have about 34 bits of entropy in a consonant alphabet, and never repeat', async () => {
    const client = await registerDeviceClient(ctx.admin);
    const codes = await Promise.all(Array.from({ length: 20 }, () => startOk(ctx.server, client)));
    for (const { user_code } of codes) expect(user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(new Set(codes.map((code) => code.user_code)).size).toBe(20);
  });

  it('RFC 8628 §5.1: the limit holds per session: a session out of tries stays locked even when the IP is forgiven', async () => {
    const client = await registerDeviceClient(ctx.admin);
    const started = await startOk(ctx.server, client);
    const guesser = await signedInBrowser(ctx.server);
    const results = await wrongCodes(guesser, LIMIT + 5);
    expect(results.filter((result) => result.status === 400)).toHaveLength(LIMIT);
    expect(results.filter((result) => result.status === 429)).toHaveLength(5);
    await database(ctx.server).query(`DELETE FROM device_verification_failures WHERE key LIKE 'ip:%'`);
    expect((await enterCode(guesser, started.user_code)).status).toBe(429);
    expect((await enterCode(await signedInBrowser(ctx.server), started.user_code)).status).toBe(200);
  });

  it('RFC 8628 §5.1: the limit holds per IP: a fresh session from the same address is locked too', async () => {
    const client = await registerDeviceClient(ctx.admin);
    const started = await startOk(ctx.server, client);
    await wrongCodes(await signedInBrowser(ctx.server), LIMIT);
    await database(ctx.server).query(`DELETE FROM device_verification_failures WHERE key LIKE 'session:%'`);
    expect((await enterCode(await signedInBrowser(ctx.server), started.user_code)).status).toBe(429);
  });

  it('RFC 8628 §5.1: X-Forwarded-For rotation does not make a new IP (no trusted proxy configured)', async () => {
    const browser = await signedInBrowser(ctx.server);
    const form = await browser.get('/device');
    const token = hiddenField(form.text, 'csrf_token');
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) {
      const response = await fetch(`${ctx.server.baseUrl}/device`, {
        method: 'POST', redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `csrf=${browser.cookie('csrf')}; sid=${browser.cookie('sid')}`, 'x-forwarded-for': `198.51.100.${i}` },
        body: new URLSearchParams({ csrf_token: token, user_code: 'BCDF-GHJK' }).toString(),
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(400));
    expect(statuses.slice(LIMIT)).toEqual([429, 429]);
  });

  it('RFC 8628 §5.1: guessing needs a signed-in session, and signing in again does not reset the IP count', async () => {
    const anonymous = new BrowserSession(ctx.server.baseUrl);
    const form = await anonymous.get('/device');
    const response = await anonymous.post('/device', { csrf_token: hiddenField(form.text, 'csrf_token'), user_code: 'BCDF-GHJK' });
    expect(response.status).toBe(303);
    expect(response.location).toMatch(/^\/login\?/);
    const rows: unknown[] = await database(ctx.server).query(`SELECT 1 FROM device_verification_failures`);
    expect(rows).toHaveLength(0);
    for (let session = 0; session < 3; session++) await wrongCodes(await signedInBrowser(ctx.server), 4);
    expect((await enterCode(await signedInBrowser(ctx.server), 'BCDF-GHJK')).status).toBe(429);
  });

  it('RFC 8628 §5.1: a code already approved cannot be approved again by someone else (no reuse of a guessed code)', async () => {
    const client = await registerDeviceClient(ctx.admin);
    const started = await startOk(ctx.server, client);
    const owner = await signedInBrowser(ctx.server);
    const confirm = await enterCode(owner, started.user_code);
    const done = await owner.post('/device', { csrf_token: hiddenField(confirm.text, 'csrf_token'), user_code: hiddenField(confirm.text, 'user_code'), decision: 'allow' });
    expect(done.status).toBe(200);
    const other = await signedInBrowser(ctx.server);
    const again = await enterCode(other, started.user_code);
    expect(again.status).toBe(400);
  });
});
