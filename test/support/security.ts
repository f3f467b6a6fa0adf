import { AdminApi } from './admin';
import { TestServer } from './test-server';
import { BrowserSession, PageResult } from './browser-session';
import { authorize, authorizeUrl, callbackParams, createPerson, pkce, Pkce, RegisteredClient } from './sign-in';

/** Asserts the answer is our HTML error page and not a redirect anywhere (RFC 9700 §4.11.2). */
export function expectHtmlErrorPage(page: PageResult, status = 400): void {
  expect({ status: page.status, location: page.location }).toEqual({ status, location: undefined });
  expect(page.headers.get('content-type')).toContain('text/html');
}

/** A browser signed in (SSO) as a fresh person who has already consented to `client`. */
export async function signedInBrowser(server: TestServer, admin: AdminApi, client: RegisteredClient): Promise<BrowserSession> {
  const browser = new BrowserSession(server.baseUrl);
  const person = await createPerson(admin);
  callbackParams(await authorize(browser, authorizeUrl(client.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256' }), person));
  return browser;
}

/** A fresh code for `client` from a signed-in browser, with its PKCE pair. */
export async function freshCode(
  browser: BrowserSession,
  client: RegisteredClient,
  params: Record<string, string> = {},
  redirectUri?: string,
): Promise<{ code: string } & Pkce> {
  const pair = pkce();
  const response = await browser.get(authorizeUrl(client.client_id, { code_challenge: pair.challenge, code_challenge_method: 'S256', scope: 'openid offline_access', ...params }, redirectUri));
  const code = callbackParams(response).get('code');
  if (!code) throw new Error(`no code: ${response.location}`);
  return { code, ...pair };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
