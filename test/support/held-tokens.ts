import { AdminApi } from './admin';
import { request } from './http';
import { BrowserSession } from './browser-session';
import { authorize, authorizeWithPkce, callbackParams, introspect, redeemCode, RegisteredClient, tokenRequest, TokenSet } from './sign-in';
import type { HttpResult } from './http';

/** An API that wants reference (opaque) access tokens, so both token formats can be checked. */
export const OPAQUE_API = 'https://billing.held-tokens.example.com';
export const OPAQUE_API_SCOPE = 'billing:read';

/** What a client holds for a person after one sign-in: a JWT and a reference access token, a refresh token. */
export interface HeldTokens {
  browser: BrowserSession;
  idToken: string;
  jwt: string;
  opaque: string;
  refresh: string;
}

export async function registerOpaqueApi(admin: AdminApi): Promise<void> {
  const response = await admin.send('POST', '/admin/v1/apis', {
    identifier: OPAQUE_API,
    name: 'Billing',
    scopes: [{ name: OPAQUE_API_SCOPE }],
    access_token_format: 'opaque',
  });
  if (response.status !== 201) throw new Error(`register API: ${response.status} ${response.text}`);
}

/**
 * Signs `person` in through the code flow (in `browser`, a new one by default) and collects the tokens: the
 * code gives a JWT access token and a refresh token; refreshing for the opaque API gives a reference access
 * token and the next refresh token of the same grant.
 */
export async function signInAndHold(
  baseUrl: string,
  client: RegisteredClient,
  person: { username: string; password: string },
  scope: string,
  browser = new BrowserSession(baseUrl),
): Promise<HeldTokens> {
  const { url, verifier } = authorizeWithPkce(client.client_id, { scope });
  const code = callbackParams(await authorize(browser, url, person)).get('code')!;
  const tokens = await redeemCode(baseUrl, client, code, verifier);
  if (tokens.status !== 200 || !tokens.body.refresh_token) throw new Error(`redeem code: ${tokens.status} ${tokens.text}`);
  const refreshed = await refresh(baseUrl, client, tokens.body.refresh_token, { resource: OPAQUE_API });
  if (refreshed.status !== 200 || !refreshed.body.refresh_token) throw new Error(`refresh: ${refreshed.status} ${refreshed.text}`);
  if (refreshed.body.access_token.includes('.')) throw new Error('expected a reference access token for the opaque API');
  return { browser, idToken: tokens.body.id_token!, jwt: tokens.body.access_token, opaque: refreshed.body.access_token, refresh: refreshed.body.refresh_token };
}

export function refresh(baseUrl: string, client: RegisteredClient, refreshToken: string, params: Record<string, string> = {}): Promise<HttpResult<TokenSet>> {
  return tokenRequest(baseUrl, client, { grant_type: 'refresh_token', refresh_token: refreshToken, ...params });
}

export async function userinfoStatus(baseUrl: string, accessToken: string): Promise<number> {
  return (await request(`${baseUrl}/oauth2/userinfo`, { headers: { authorization: `Bearer ${accessToken}` } })).status;
}

/** Every token still works: introspection says active, userinfo answers. Uses no refresh token up. */
export async function expectLive(baseUrl: string, client: RegisteredClient, held: HeldTokens): Promise<void> {
  expect(await introspect(baseUrl, client, held.jwt)).toMatchObject({ active: true });
  expect(await introspect(baseUrl, client, held.opaque)).toMatchObject({ active: true });
  expect(await introspect(baseUrl, client, held.refresh)).toMatchObject({ active: true, token_type: 'refresh_token' });
  expect(await userinfoStatus(baseUrl, held.jwt)).toBe(200);
}

/** Every token has ended: inactive at introspection, refused by userinfo, and refreshing is invalid_grant. */
export async function expectEnded(baseUrl: string, client: RegisteredClient, held: HeldTokens): Promise<void> {
  expect({ jwt: await introspect(baseUrl, client, held.jwt) }).toEqual({ jwt: { active: false } });
  expect({ opaque: await introspect(baseUrl, client, held.opaque) }).toEqual({ opaque: { active: false } });
  expect({ refresh: await introspect(baseUrl, client, held.refresh) }).toEqual({ refresh: { active: false } });
  expect(await userinfoStatus(baseUrl, held.jwt)).toBe(401);
  const refused = await refresh(baseUrl, client, held.refresh);
  expect({ status: refused.status, error: refused.body.error }).toEqual({ status: 400, error: 'invalid_grant' });
}
