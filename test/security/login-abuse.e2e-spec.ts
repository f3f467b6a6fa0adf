import { DataSource } from 'typeorm';
import { PasswordHasher } from '../../libs/users/src/passwords/password-hasher.service';
import { useTestServer } from '../support/server-fixture';
import { BrowserSession, PageResult, submitLogin } from '../support/browser-session';
import { createPerson } from '../support/sign-in';
import { median } from '../support/security';

const LIMIT = 5;

/** The page without what legitimately differs between two renderings: the CSRF token and the echoed name. */
function normalized(page: PageResult, username: string): string {
  return page.text.replace(/name="csrf_token" value="[^"]*"/, 'name="csrf_token" value=""').split(`value="${username}"`).join('value=""');
}

/**
 * RFC 9700 §4.7 context and OWASP authentication guidance: the login form must not tell which accounts exist
 * (user enumeration), and its lockout must hold against parallel guessing (CWE-307, race on the counter).
 */
describe('login abuse: enumeration and parallel guessing', () => {
  const ctx = useTestServer();
  let verifiedHashes: number;

  beforeAll(async () => {
    // Count password checks against a real hash (a decoy check for unknown or throttled attempts passes undefined).
    const hasher = ctx.server.app.get(PasswordHasher);
    const verify = hasher.verify.bind(hasher);
    verifiedHashes = 0;
    hasher.verify = async (password: string, hash: string | undefined) => {
      if (hash !== undefined) verifiedHashes++;
      return verify(password, hash);
    };
  });

  beforeEach(async () => {
    // Every test here fails logins from 127.0.0.1; keep the per-IP limit out of the per-account picture.
    await ctx.server.app.get(DataSource).query(`DELETE FROM login_attempts WHERE key LIKE 'ip:%'`);
  });

  async function attempt(username: string, password: string): Promise<{ page: PageResult; browser: BrowserSession }> {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const page = await submitLogin(browser, await browser.get('/login?return_to=/done'), username, password);
    return { page, browser };
  }

  async function compared(cases: Array<[string, string, string]>) {
    const results = [];
    for (const [name, username, password] of cases) {
      const { page, browser } = await attempt(username, password);
      expect(browser.cookie('sid')).toBeUndefined();
      results.push({ name, status: page.status, body: normalized(page, username), cookies: page.headers.getSetCookie().length });
    }
    return results;
  }

  it('OWASP user enumeration: unknown user, wrong password and disabled account get the same page and status', async () => {
    const known = await createPerson(ctx.admin);
    const disabled = await createPerson(ctx.admin);
    await ctx.admin.send('PATCH', `/admin/v1/users/${disabled.id}`, { disabled: true });
    const results = await compared([
      ['unknown user', 'nobody-by-this-name', 'some password!'],
      ['wrong password', known.username, 'wrong password!'],
      ['disabled person, right password', disabled.username, disabled.password],
    ]);
    expect(results[0].status).toBe(401);
    expect(results[0].body).toContain('Invalid username or password');
    for (const result of results.slice(1)) expect({ ...result, name: results[0].name }).toEqual(results[0]);
  });

  it('OWASP user enumeration: a locked account and a locked unknown name get the same page and status', async () => {
    const locked = await createPerson(ctx.admin);
    const unknown = `nobody-${locked.username}`;
    for (let i = 0; i < LIMIT; i++) await attempt(unknown, `wrong-${i}-password`);
    for (let i = 0; i < LIMIT; i++) await attempt(locked.username, `wrong-${i}-password`);
    const results = await compared([
      ['locked unknown name', unknown, 'some password!'],
      ['locked account, right password', locked.username, locked.password],
    ]);
    expect(results[0].status).toBe(401);
    expect(results[0].body).toContain('temporarily locked');
    // Both locks were started seconds apart: their "try again" times differ by a minute at most.
    const withoutTime = (body: string) => body.replace(/after \d\d:\d\d UTC \(in \d+ minutes?\)/, 'after ...');
    expect({ ...results[1], name: results[0].name, body: withoutTime(results[1].body) }).toEqual({ ...results[0], body: withoutTime(results[0].body) });
  });

  it('OWASP user enumeration: an unknown user and a wrong password take about the same time', async () => {
    const people = await Promise.all(Array.from({ length: 10 }, () => createPerson(ctx.admin)));
    const timed = async (username: string) => {
      const browser = new BrowserSession(ctx.server.baseUrl);
      const page = await browser.get('/login');
      const started = process.hrtime.bigint();
      const result = await submitLogin(browser, page, username, 'wrong password!');
      expect(result.status).toBe(401);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < people.length; i++) {
      unknown.push(await timed(`nobody-${i}`));
      wrong.push(await timed(people[i].username));
    }
    const [a, b] = [median(unknown), median(wrong)];
    // eslint-disable-next-line no-console
    console.log(`login timing: unknown user median ${a.toFixed(1)} ms, wrong password median ${b.toFixed(1)} ms`);
    expect(Math.abs(a - b)).toBeLessThan(Math.max(10, 0.5 * Math.min(a, b)));
  });

  it('CWE-307: of N parallel wrong guesses exactly the limit reach the password check; later ones and the right password are locked out', async () => {
    const person = await createPerson(ctx.admin);
    const browsers = await Promise.all(Array.from({ length: 15 }, async () => {
      const browser = new BrowserSession(ctx.server.baseUrl);
      return { browser, page: await browser.get('/login') };
    }));
    const before = verifiedHashes;
    const results = await Promise.all(browsers.map(({ browser, page }, index) => submitLogin(browser, page, person.username, `guess-${index}-wrong`)));
    expect(results.map((result) => result.status)).toEqual(Array(15).fill(401));
    expect(verifiedHashes - before).toBe(LIMIT);
    const rows: Array<{ failures: number }> = await ctx.server.app.get(DataSource).query(`SELECT failures FROM login_attempts WHERE key = $1`, [`account:${person.username.toLowerCase()}`]);
    // Only checked guesses are failures; the ones refused unchecked wrote nothing.
    expect(Number(rows[0].failures)).toBe(LIMIT);

    const afterBurst = verifiedHashes;
    const { page, browser } = await attempt(person.username, person.password);
    expect(page.status).toBe(401);
    expect(browser.cookie('sid')).toBeUndefined();
    expect(verifiedHashes).toBe(afterBurst);
  });

  it('CWE-307: the account limit ignores case and X-Forwarded-For rotation', async () => {
    const person = await createPerson(ctx.admin);
    for (let i = 0; i < LIMIT; i++) {
      const browser = new BrowserSession(ctx.server.baseUrl);
      const page = await browser.get('/login');
      const name = i % 2 ? person.username.toUpperCase() : person.username;
      const response = await fetch(`${ctx.server.baseUrl}/login`, {
        method: 'POST', redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `csrf=${browser.cookie('csrf')}`, 'x-forwarded-for': `203.0.113.${i}` },
        body: new URLSearchParams({ csrf_token: /name="csrf_token" value="([^"]+)"/.exec(page.text)![1], return_to: '/', username: name, password: 'wrong password!' }).toString(),
      });
      expect(response.status).toBe(401);
    }
    const { page } = await attempt(person.username.toUpperCase(), person.password);
    expect(page.status).toBe(401);
  });

  it('a success within the limit resets the account counter (no lockout of the rightful person)', async () => {
    const person = await createPerson(ctx.admin);
    for (let i = 0; i < LIMIT - 1; i++) await attempt(person.username, 'wrong password!');
    expect((await attempt(person.username, person.password)).page.status).toBe(303);
    for (let i = 0; i < LIMIT - 1; i++) await attempt(person.username, 'wrong password!');
    expect((await attempt(person.username, person.password)).page.status).toBe(303);
  });
});
