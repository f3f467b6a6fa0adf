import { DataSource } from 'typeorm';
import { LoginThrottle } from '../../libs/users/src/login/login-throttle.service';
import { useTestServer } from '../support/server-fixture';
import { BrowserSession, submitLogin } from '../support/browser-session';
import { createPerson } from '../support/sign-in';

const MAX_FAILURES = 3;
const LOCKOUT_S = 600;

/** The lockout a person can understand: LOGIN_MAX_FAILURES and LOGIN_LOCKOUT_S, and the page that says until when. */
describe('login lockout', () => {
  const ctx = useTestServer({ LOGIN_MAX_FAILURES: String(MAX_FAILURES), LOGIN_LOCKOUT_S: String(LOCKOUT_S) });
  const database = () => ctx.server.app.get(DataSource);

  beforeEach(async () => {
    // Every test here fails logins from 127.0.0.1; keep the per-IP limit out of the per-account picture.
    await database().query(`DELETE FROM login_attempts WHERE key LIKE 'ip:%'`);
  });

  async function attempt(username: string, password: string) {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const result = await submitLogin(browser, await browser.get('/login?return_to=/done'), username, password);
    return { result, signedIn: result.status === 303 && browser.cookie('sid') !== undefined };
  }

  const tryAgainAt = (text: string) => /Try again after (\d\d):(\d\d) UTC \(in (\d+) minutes?\)/.exec(text);

  it('the LOGIN_MAX_FAILURES-th failure locks until its own time plus LOGIN_LOCKOUT_S, as the page says', async () => {
    const person = await createPerson(ctx.admin);
    for (let i = 0; i < MAX_FAILURES - 1; i++) {
      const { result } = await attempt(person.username, 'wrong password!');
      expect(result.text).toContain('Invalid username or password');
    }
    const before = Date.now();
    const last = await attempt(person.username, 'wrong password!');
    const after = Date.now();
    // The attempt that reached the limit was checked, and failed like any other.
    expect(last.result.text).toContain('Invalid username or password');

    const { result, signedIn } = await attempt(person.username, person.password);
    expect(signedIn).toBe(false);
    expect(result.status).toBe(401);
    expect(result.text).toContain('Too many failed attempts: this account is temporarily locked.');
    const [, hours, minutes, inMinutes] = tryAgainAt(result.text)!;
    const [stored] = await database().query(`SELECT locked_until FROM login_attempts WHERE key = $1`, [`account:${person.username.toLowerCase()}`]);
    const lockedUntil = new Date(stored.locked_until).getTime();
    expect(lockedUntil).toBeGreaterThanOrEqual(before + LOCKOUT_S * 1000 - 1000);
    expect(lockedUntil).toBeLessThanOrEqual(after + LOCKOUT_S * 1000 + 1000);
    // Shown rounded up to the minute, so trying at that minute works.
    const shown = new Date(Math.ceil(lockedUntil / 60_000) * 60_000);
    expect(`${hours}:${minutes}`).toBe(shown.toISOString().slice(11, 16));
    expect(Number(inMinutes)).toBe(LOCKOUT_S / 60);
  });

  it('a name nobody has locks the same way, with the same words', async () => {
    for (let i = 0; i < MAX_FAILURES; i++) await attempt('nobody-at-all-here', 'wrong password!');
    const { result } = await attempt('nobody-at-all-here', 'wrong password!');
    expect(result.status).toBe(401);
    expect(tryAgainAt(result.text)).not.toBeNull();
  });

  it('once the lock is over, the right password works and the count starts afresh', async () => {
    const person = await createPerson(ctx.admin);
    for (let i = 0; i < MAX_FAILURES; i++) await attempt(person.username, 'wrong password!');
    expect((await attempt(person.username, person.password)).signedIn).toBe(false);
    await database().query(`UPDATE login_attempts SET locked_until = now() - interval '1 second' WHERE key = $1`, [`account:${person.username.toLowerCase()}`]);
    // A failure after the lock is the first of a new count, not a new lock.
    expect((await attempt(person.username, 'wrong password!')).result.text).toContain('Invalid username or password');
    expect((await attempt(person.username, person.password)).signedIn).toBe(true);
  });

  it('a success before the limit leaves nothing locked', async () => {
    const person = await createPerson(ctx.admin);
    for (let i = 0; i < MAX_FAILURES - 1; i++) await attempt(person.username, 'wrong password!');
    expect((await attempt(person.username, person.password)).signedIn).toBe(true);
    for (let i = 0; i < MAX_FAILURES - 1; i++) await attempt(person.username, 'wrong password!');
    expect((await attempt(person.username, person.password)).signedIn).toBe(true);
  });

  it('attempts being checked hold the limit; one given back unchecked (no capacity) does not count', async () => {
    const throttle = ctx.server.app.get(LoginThrottle);
    const name = `given-back-${Date.now()}`;
    const checking = [];
    for (let i = 0; i < MAX_FAILURES; i++) checking.push(await throttle.reserve(name, '192.0.2.1'));
    expect(checking.map((reservation) => reservation.allowed)).toEqual(Array(MAX_FAILURES).fill(true));
    // As many checks in flight as the limit: the next attempt waits its turn, refused without a lock.
    const crowded = await throttle.reserve(name, '192.0.2.1');
    expect(crowded).toMatchObject({ allowed: false });
    expect(crowded.lock).toBeUndefined();
    await throttle.settle(checking.shift()!, 'released');
    checking.push(await throttle.reserve(name, '192.0.2.1'));
    expect(checking[checking.length - 1].allowed).toBe(true);
    for (const reservation of checking.slice(0, -1)) await throttle.settle(reservation, 'failed');
    expect(await throttle.lockedUntil(name)).toBeUndefined();
    // The failure that reaches the limit fixes the lock; a refused attempt after it reports it.
    await throttle.settle(checking[checking.length - 1], 'failed');
    expect(await throttle.lockedUntil(name)).toBeInstanceOf(Date);
    const refused = await throttle.reserve(name, '192.0.2.1');
    expect(refused).toMatchObject({ allowed: false, lock: { until: expect.any(Date), secondsLeft: expect.any(Number) } });
    expect(refused.lock!.secondsLeft).toBeGreaterThan(LOCKOUT_S - 5);
    const rows: Array<{ failures: number }> = await database().query(`SELECT failures FROM login_attempts WHERE key = $1`, [`account:${name}`]);
    expect(Number(rows[0].failures)).toBe(MAX_FAILURES);
  });

  it('the audit log records the refused attempt with the lock', async () => {
    const person = await createPerson(ctx.admin);
    for (let i = 0; i < MAX_FAILURES; i++) await attempt(person.username, 'wrong password!');
    await attempt(person.username, person.password);
    const events = await ctx.admin.get<{ items: Array<{ action: string; details: Record<string, unknown> }> }>(`/admin/v1/events?action=signin.failed&limit=50`);
    const locked = events.body.items.find((event) => event.details.username === person.username && event.details.reason === 'locked');
    expect(locked?.details.locked_until).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
  });
});
