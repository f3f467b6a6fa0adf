import { BrowserSession } from '../support/browser-session';
import { decodeJwt, request } from '../support/http';
import { authorize, authorizeWithPkce, callbackParams, createPerson, redeemCode, registerWebClient, type TokenSet } from '../support/sign-in';
import { useTestServer } from '../support/server-fixture';

const ORDERS = 'https://orders.example.com';

/**
 * A browser app signs in and asks for its API in the same request (RFC 8707 `resource`): the one access
 * token it gets is the API's, and userinfo still tells it who signed in (OIDC Core §5.3).
 */
describe('userinfo with an access token issued for an API', () => {
  const ctx = useTestServer();

  const signIn = async (scope: string): Promise<TokenSet> => {
    const client = await registerWebClient(ctx.admin);
    const person = await createPerson(ctx.admin);
    const { url, verifier } = authorizeWithPkce(client.client_id, { scope, resource: ORDERS });
    const code = callbackParams(await authorize(new BrowserSession(ctx.server.baseUrl), url, person)).get('code')!;
    const tokens = await redeemCode(ctx.server.baseUrl, client, code, verifier);
    if (tokens.status !== 200) throw new Error(`redeem: ${tokens.status} ${tokens.text}`);
    return tokens.body;
  };
  const userinfo = (token: string) => request(`${ctx.server.baseUrl}/oauth2/userinfo`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    const api = await ctx.admin.send('POST', '/admin/v1/apis', { identifier: ORDERS, name: 'Orders', scopes: [{ name: 'orders:read' }], access_token_format: 'jwt' });
    if (api.status !== 201) throw new Error(`register API: ${api.status} ${api.text}`);
  });

  it('answers the claims of the person when the token carries openid, whatever API it is for', async () => {
    const tokens = await signIn('openid profile orders:read');
    expect(decodeJwt(tokens.access_token).payload).toMatchObject({ aud: ORDERS, scope: 'openid profile orders:read' });
    const response = await userinfo(tokens.access_token);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: 'Ada Lovelace' });
  });

  it('answers 403 insufficient_scope to an API token of a sign-in without openid (OIDC Core §5.3.1)', async () => {
    const tokens = await signIn('orders:read');
    expect(decodeJwt(tokens.access_token).payload.aud).toBe(ORDERS);
    const response = await userinfo(tokens.access_token);
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
  });
});
