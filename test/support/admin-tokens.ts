import type { ServerFixture } from './server-fixture';
import { BrowserSession } from './browser-session';
import { basicAuth, postForm } from './http';
import { authorize, authorizeUrl, callbackParams, pkce, redeemCode } from './sign-in';

/** An access token for `person` through the admin console's own client (public, PKCE), as the console gets it. */
export async function consoleToken(ctx: ServerFixture, person: { username: string; password: string }, scope = 'openid profile admin'): Promise<{ access_token: string; scope: string }> {
  const consoleClient = { client_id: 'admin-console' };
  const redirectUri = `${ctx.server.config.issuer}/console/callback`;
  const { verifier, challenge } = pkce();
  const browser = new BrowserSession(ctx.server.baseUrl);
  const result = await authorize(browser, authorizeUrl(consoleClient.client_id, { code_challenge: challenge, code_challenge_method: 'S256', scope }, redirectUri), person);
  const code = callbackParams(result).get('code');
  if (!code) throw new Error(`console sign-in: no code (${result.status} ${result.url ?? ''})`);
  const tokens = await redeemCode(ctx.server.baseUrl, consoleClient, code, verifier, redirectUri);
  if (tokens.status !== 200) throw new Error(`console token: ${tokens.status} ${tokens.text}`);
  return tokens.body as { access_token: string; scope: string };
}

/** A client_credentials token of a new machine client registered with `scope`. */
export async function machineToken(ctx: ServerFixture, scope: string): Promise<string> {
  const client = await ctx.admin.registerClient({ client_name: `machine ${scope}`, grant_types: ['client_credentials'], scope });
  const response = await postForm<{ access_token: string }>(`${ctx.server.baseUrl}/oauth2/token`, { grant_type: 'client_credentials', scope }, { authorization: basicAuth(client.client_id, client.client_secret!) });
  if (response.status !== 200) throw new Error(`machine token: ${response.status} ${response.text}`);
  return response.body.access_token;
}
