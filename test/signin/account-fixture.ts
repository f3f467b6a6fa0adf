import { DataSource } from 'typeorm';
import { BrowserSession, hiddenField, PageResult, submitLogin } from '../support/browser-session';
import { ServerFixture, useTestServer } from '../support/server-fixture';
import { authorizeUrl, pkce, RegisteredClient } from '../support/sign-in';

export type Person = { id: string; username: string; password: string };

/**
 * A test server for the account page suites and the steps they share: signing in through the login page,
 * submitting an account form with the browser's CSRF token, reading the audit log, ageing a sign-in.
 */
export function useAccountPage() {
  const ctx: ServerFixture = useTestServer();
  const db = () => ctx.server.app.get(DataSource);

  async function signIn(person: { username: string; password: string }): Promise<BrowserSession> {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const login = await browser.get('/login');
    const result = await submitLogin(browser, login, person.username, person.password);
    expect(result.status).toBe(303);
    return browser;
  }

  /**
   * Opens an account page and submits one of its forms with this browser's account CSRF token (every
   * account form shares it; the password page always has a form to read it from).
   */
  async function submit(browser: BrowserSession, page: string, action: string, fields: Record<string, string> = {}): Promise<PageResult> {
    expect((await browser.get(page)).status).toBe(200);
    return browser.post(action, { csrf_token: await csrfToken(browser), ...fields });
  }

  async function csrfToken(browser: BrowserSession): Promise<string> {
    return hiddenField((await browser.get('/account/password')).text, 'csrf_token');
  }

  async function isSignedIn(browser: BrowserSession): Promise<boolean> {
    const page = await browser.get('/account');
    if (page.status === 303) return false;
    expect(page.status).toBe(200);
    return true;
  }

  async function auditActions(userId: string): Promise<string[]> {
    const response = await ctx.admin.get<{ items: Array<{ action: string }> }>(`/admin/v1/events?actor_id=${userId}&limit=100`);
    expect(response.status).toBe(200);
    return response.body.items.map((event) => event.action);
  }

  /** Moves the browser's sign-in back in time, past what changes to sign-in methods accept. */
  async function ageSignIn(person: Person, minutes: number): Promise<void> {
    await db().query(`UPDATE sso_sessions SET auth_time = auth_time - make_interval(mins => $2) WHERE user_id = $1`, [person.id, minutes]);
  }

  return { ctx, db, signIn, submit, csrfToken, isSignedIn, auditActions, ageSignIn };
}

export function authorizeWithNewPkce(client: RegisteredClient): string {
  const { challenge } = pkce();
  return authorizeUrl(client.client_id, { code_challenge: challenge, code_challenge_method: 'S256', scope: 'openid offline_access' });
}
