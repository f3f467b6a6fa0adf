import { DataSource } from 'typeorm';
import { BrowserSession, submitLogin } from '../support/browser-session';
import { useTestServer } from '../support/server-fixture';
import { createPerson } from '../support/sign-in';
import { statementsDuring } from '../support/statements';

const isWrite = (statement: string) => /^(WITH\b.*\b)?(INSERT|UPDATE|DELETE)\b/i.test(statement);

/**
 * A password sign-in writes the session and its audit event and nothing else: the throttle counts the
 * attempt in memory while the password is checked and writes only failures (and the clearing of them).
 */
describe('sign-in: database writes of a password sign-in', () => {
  const ctx = useTestServer();

  async function signInStatements(person: { username: string; password: string }): Promise<string[]> {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const login = await browser.get('/login');
    return statementsDuring(ctx.server.app.get(DataSource), async () => {
      expect((await submitLogin(browser, login, person.username, person.password)).status).toBe(303);
    });
  }

  it('writes two rows: the SSO session and the audit event', async () => {
    const person = await createPerson(ctx.admin);
    const writes = (await signInStatements(person)).filter(isWrite);
    expect(writes).toHaveLength(2);
    expect(writes).toEqual([expect.stringMatching(/^INSERT INTO sso_sessions/), expect.stringMatching(/^INSERT INTO audit_events/)]);
  });

  it('after a failure, the success also clears the recorded failure (and the count starts afresh)', async () => {
    const person = await createPerson(ctx.admin);
    const browser = new BrowserSession(ctx.server.baseUrl);
    expect((await submitLogin(browser, await browser.get('/login'), person.username, 'not the password')).status).toBe(401);
    const writes = (await signInStatements(person)).filter(isWrite);
    expect(writes).toEqual([
      expect.stringMatching(/^DELETE FROM login_attempts/),
      expect.stringMatching(/^INSERT INTO sso_sessions/),
      expect.stringMatching(/^INSERT INTO audit_events/),
    ]);
    const rows = await ctx.server.app.get(DataSource).query(`SELECT 1 FROM login_attempts WHERE key = $1`, [`account:${person.username.toLowerCase()}`]);
    expect(rows).toHaveLength(0);
  });
});
