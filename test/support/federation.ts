import { AdminApi } from './admin';
import { BrowserSession, decodeEntities, PageResult } from './browser-session';
import { decideConsent } from './sign-in';
import type { TestServer } from './test-server';

export const CONTOSO_SECRET = 'contoso client secret for the server under test';

/** Registers an upstream OpenID Provider with our admin API; answers its id. */
export async function registerOidcProvider(admin: AdminApi, body: Record<string, unknown>): Promise<string> {
  const response = await admin.send<{ id: string }>('POST', '/admin/v1/identity-providers', { type: 'oidc', jit: true, ...body });
  if (response.status !== 201) throw new Error(`register identity provider: ${response.status} ${response.text}`);
  return response.body.id;
}

/** The href of the login page's "Sign in with {name}" button. */
export function providerButton(page: PageResult, displayName: string): string {
  const match = new RegExp(`<a class="button secondary" href="([^"]*)">Sign in with ${displayName}</a>`).exec(page.text);
  if (!match) throw new Error(`no button for ${displayName} in:\n${page.text.slice(0, 2000)}`);
  return decodeEntities(match[1]);
}

/**
 * Follows an upstream's redirects from its authorization URL (its own browser: the upstream is another
 * site) until it sends the person back elsewhere; answers that URL.
 */
export async function throughUpstream(authorizationUrl: string): Promise<string> {
  const origin = new URL(authorizationUrl).origin;
  const upstream = new BrowserSession(origin);
  let next = authorizationUrl;
  for (let hop = 0; hop < 12; hop++) {
    const result = await upstream.get(next);
    if (!result.location) throw new Error(`upstream stopped at ${next}: ${result.status} ${result.text.slice(0, 300)}`);
    const target = new URL(result.location, next);
    if (target.origin !== origin) return target.toString();
    next = target.toString();
  }
  throw new Error('too many redirects at the upstream');
}

/** A URL of our issuer (http://localhost:port) as the test reaches it (http://127.0.0.1:port). */
export function onServer(server: TestServer, url: string): string {
  const parsed = new URL(url);
  const base = new URL(server.baseUrl);
  parsed.protocol = base.protocol;
  parsed.host = base.host;
  return parsed.toString();
}

/** From our start route through the upstream and back to our callback; answers our callback's answer. */
export async function federate(server: TestServer, browser: BrowserSession, startUrl: string): Promise<PageResult> {
  const start = await browser.get(startUrl);
  if (start.status !== 303 || !start.location) throw new Error(`start: ${start.status} ${start.text.slice(0, 500)}`);
  return browser.get(onServer(server, await throughUpstream(start.location)));
}

/** Follows our redirects after the callback, allowing consent when asked, to the client's redirect. */
export async function finishAtClient(browser: BrowserSession, result: PageResult): Promise<PageResult> {
  let page = await browser.follow(result);
  if (page.status === 200 && page.text.includes('action="/oauth2/consent"')) page = await browser.follow(await decideConsent(browser, page, 'allow'));
  return page;
}
