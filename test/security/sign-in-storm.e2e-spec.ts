import { DataSource } from 'typeorm';
import { useTestServer } from '../support/server-fixture';
import { request } from '../support/http';
import { BrowserSession, submitLogin } from '../support/browser-session';
import { createPerson } from '../support/sign-in';

const STORM = 40;

/**
 * A burst of sign-ins larger than the password hashing can serve: with a one-place queue, whatever finds
 * every slot taken gets a 503 page with Retry-After at once, instead of waiting until the connection
 * timeout resets it. Nobody is left without an answer, and the server serves sign-ins again right after.
 */
describe('sign-in storm: a bounded password-hashing queue answers 503 with Retry-After', () => {
  const ctx = useTestServer({ PASSWORD_HASH_QUEUE_LIMIT: '1', PASSWORD_HASH_QUEUE_TIMEOUT_MS: '1000' });

  it(`of ${STORM} parallel sign-ins some are refused with a 503 page and Retry-After, none is cut off`, async () => {
    const people: Array<{ username: string; password: string }> = [];
    for (let i = 0; i < STORM; i++) people.push(await createPerson(ctx.admin));
    const browsers = await Promise.all(people.map(async (person) => {
      const browser = new BrowserSession(ctx.server.baseUrl);
      return { person, browser, page: await browser.get('/login?return_to=/') };
    }));

    const started = Date.now();
    const results = await Promise.all(browsers.map(({ person, browser, page }) =>
      submitLogin(browser, page, person.username, person.password).then(
        (result) => ({ status: result.status, retryAfter: result.headers.get('retry-after'), type: result.headers.get('content-type'), text: result.text }),
        (error: Error) => ({ status: 0, retryAfter: null, type: null, text: `${error.message}: ${String((error.cause as Error | undefined)?.message)}` }),
      ),
    ));
    const elapsed = Date.now() - started;

    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status !== 303 && status !== 503)).toEqual([]);
    const refused = results.filter((result) => result.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(statuses).toContain(303);
    for (const answer of refused) {
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
      expect(answer.type).toContain('text/html');
      expect(answer.text).toContain('Service unavailable');
    }
    // Far below the 10 s connection timeout that used to reset queued sign-ins.
    expect(elapsed).toBeLessThan(8000);

    // A refused attempt checked no password, so it counts towards no lockout: neither the account's nor the address's.
    const counters: Array<{ key: string; failures: number }> = await ctx.server.app.get(DataSource).query(
      `SELECT key, failures FROM login_attempts WHERE key = ANY($1)`,
      [[...refused.map((answer) => `account:${people[results.indexOf(answer)].username.toLowerCase()}`), 'ip:127.0.0.1']],
    );
    expect(counters.filter((row) => Number(row.failures) !== 0)).toEqual([]);
    const retried = people[statuses.indexOf(503)];
    const browser = new BrowserSession(ctx.server.baseUrl);
    expect((await submitLogin(browser, await browser.get('/login?return_to=/'), retried.username, retried.password)).status).toBe(303);
  });

  it('the admin API answers the same refusal as JSON with Retry-After', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      request(`${ctx.server.baseUrl}/admin/v1/users`, {
        method: 'POST',
        headers: { ...ctx.admin.authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ username: `storm-${Date.now()}-${i}`, password: 'a long enough password' }),
      }),
    ));
    expect(results.map((result) => result.status).filter((status) => status !== 201 && status !== 503)).toEqual([]);
    const refused = results.filter((result) => result.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) {
      expect(answer.body).toEqual({ error: 'temporarily_unavailable', error_description: expect.any(String) });
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });
});
