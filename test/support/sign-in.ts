import { createHash, randomBytes } from 'node:crypto';
import { AdminApi } from './admin';
import { postForm, basicAuth, decodeJwt, HttpResult } from './http';
import { BrowserSession, hiddenField, PageResult, submitLogin } from './browser-session';

export const CALLBACK = 'https://app.example.com/callback';

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface RegisteredClient {
  client_id: string;
  client_secret?: string;
}

/** A confidential web client for the code flow, with refresh tokens and the OIDC scopes. */
export async function registerWebClient(admin: AdminApi, overrides: Record<string, unknown> = {}): Promise<RegisteredClient> {
  return admin.registerClient({
    client_name: 'Orders <web> app',
    redirect_uris: [CALLBACK],
    post_logout_redirect_uris: ['https://app.example.com/signed-out'],
    grant_types: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_method: 'client_secret_basic',
    scope: 'openid profile email offline_access orders:read',
    ...overrides,
  });
}

/** Registers the Orders API (scope orders:read) and the Billing API (scope billing:read) under the given identifiers. */
export async function registerOrdersAndBillingApis(admin: AdminApi, identifiers: { orders: string; billing: string }): Promise<void> {
  const apis = [
    { identifier: identifiers.orders, name: 'Orders', scopes: [{ name: 'orders:read' }] },
    { identifier: identifiers.billing, name: 'Billing', scopes: [{ name: 'billing:read' }] },
  ];
  for (const api of apis) {
    const response = await admin.send('POST', '/admin/v1/apis', api);
    if (response.status !== 201) throw new Error(`register API ${api.identifier}: ${response.status} ${response.text}`);
  }
}

export function authorizeUrl(clientId: string, params: Record<string, string> = {}, redirectUri = CALLBACK): string {
  const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'openid profile email', state: 'st-123', nonce: 'n-456', ...params });
  for (const [name, value] of Object.entries(params)) if (value === '') query.delete(name);
  return `/oauth2/authorize?${query.toString()}`;
}

/** The final redirect to the client's callback, parsed. */
export function callbackParams(result: PageResult): URLSearchParams {
  if (result.status !== 303 || !result.location) throw new Error(`expected a redirect to the client, got ${result.status}: ${result.text.slice(0, 500)}`);
  return new URL(result.location).searchParams;
}

/** An authorize URL with a fresh S256 challenge, and the verifier that redeems its code. */
export function authorizeWithPkce(clientId: string, params: Record<string, string> = {}): { url: string; verifier: string } {
  const { verifier, challenge } = pkce();
  return { url: authorizeUrl(clientId, { code_challenge: challenge, code_challenge_method: 'S256', ...params }), verifier };
}

/** A browser signed in as `person` through a whole code flow for `client`, and the ID token the client received. */
export async function signInThroughCodeFlow(
  baseUrl: string,
  client: RegisteredClient,
  person: { username: string; password: string },
): Promise<{ browser: BrowserSession; idToken: string }> {
  const browser = new BrowserSession(baseUrl);
  const { url, verifier } = authorizeWithPkce(client.client_id);
  const code = callbackParams(await authorize(browser, url, person)).get('code')!;
  const tokens = await redeemCode(baseUrl, client, code, verifier);
  return { browser, idToken: tokens.body.id_token! };
}

/**
 * Signs `person` in to `client` in `browser` (single sign-on after the first app) through the code flow,
 * and returns the ID token with its `sid` and `sub`.
 */
export async function signInToApp(
  browser: BrowserSession,
  client: RegisteredClient,
  person: { username: string; password: string },
  scope = 'openid profile',
): Promise<{ idToken: string; sid: string; sub: string }> {
  const { url, verifier } = authorizeWithPkce(client.client_id, { scope });
  const code = callbackParams(await authorize(browser, url, person)).get('code')!;
  const tokens = await redeemCode(browser.baseUrl, client, code, verifier);
  if (tokens.status !== 200 || !tokens.body.id_token) throw new Error(`redeem code: ${tokens.status} ${tokens.text}`);
  const { payload } = decodeJwt(tokens.body.id_token);
  return { idToken: tokens.body.id_token, sid: String(payload.sid), sub: String(payload.sub) };
}

/**
 * Drives the browser from the authorize URL through login and consent (allowing) to the client's callback.
 */
export async function authorize(browser: BrowserSession, url: string, credentials?: { username: string; password: string }): Promise<PageResult> {
  let page = await browser.follow(await browser.get(url));
  if (page.status === 200 && page.text.includes('action="/login"')) {
    if (!credentials) throw new Error('login page shown but no credentials given');
    page = await browser.follow(await submitLogin(browser, page, credentials.username, credentials.password));
  }
  if (page.status === 200 && page.text.includes('action="/oauth2/consent"')) {
    page = await browser.follow(await decideConsent(browser, page, 'allow'));
  }
  return page;
}

export async function decideConsent(browser: BrowserSession, page: PageResult, decision: 'allow' | 'deny'): Promise<PageResult> {
  return browser.post('/oauth2/consent', {
    request: hiddenField(page.text, 'request'),
    csrf_token: hiddenField(page.text, 'csrf_token'),
    decision,
  });
}

export interface TokenSet {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
  refresh_token?: string;
  id_token?: string;
  error?: string;
  error_description?: string;
}

export async function redeemCode(baseUrl: string, client: RegisteredClient, code: string, verifier: string | undefined, redirectUri = CALLBACK): Promise<HttpResult<TokenSet>> {
  const params: Record<string, string> = { grant_type: 'authorization_code', code, redirect_uri: redirectUri };
  if (verifier !== undefined) params.code_verifier = verifier;
  return tokenRequest(baseUrl, client, params);
}

export async function tokenRequest(baseUrl: string, client: RegisteredClient, params: Record<string, string>): Promise<HttpResult<TokenSet>> {
  if (client.client_secret) {
    return postForm<TokenSet>(`${baseUrl}/oauth2/token`, params, { authorization: basicAuth(client.client_id, client.client_secret) });
  }
  return postForm<TokenSet>(`${baseUrl}/oauth2/token`, { ...params, client_id: client.client_id });
}

export async function introspect(baseUrl: string, client: RegisteredClient, token: string): Promise<Record<string, unknown>> {
  const response = await postForm(`${baseUrl}/oauth2/introspect`, { token }, { authorization: basicAuth(client.client_id, client.client_secret!) });
  if (response.status !== 200) throw new Error(`introspect: ${response.status} ${response.text}`);
  return response.body;
}

export async function createPerson(admin: AdminApi, overrides: Record<string, unknown> = {}): Promise<{ id: string; username: string; password: string }> {
  const username = `person-${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const response = await admin.send<{ id: string }>('POST', '/admin/v1/users', {
    username,
    password,
    email: `${username}@example.com`,
    name: 'Ada Lovelace',
    given_name: 'Ada',
    family_name: 'Lovelace',
    email_verified: true,
    ...overrides,
  });
  if (response.status !== 201) throw new Error(`create user: ${response.status} ${response.text}`);
  return { id: response.body.id, username, password };
}
