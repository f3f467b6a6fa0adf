import { useTestServer } from '../support/server-fixture';
import { BrowserSession } from '../support/browser-session';
import { authorize, authorizeUrl, CALLBACK, callbackParams, createPerson, pkce, registerWebClient, RegisteredClient, tokenRequest } from '../support/sign-in';

const REPORTS = 'https://reports.refused-target.example.com';

/**
 * RFC 8707 §2 invalid_target at the token endpoint is a refusal of the request, not a use of the grant: a
 * refresh token or code refused because of its resource stays as it was, so the client's next correct
 * request works and is not mistaken for a replay that revokes the grant.
 */
describe('a token request refused with invalid_target uses up nothing', () => {
  const ctx = useTestServer();
  let client: RegisteredClient;

  beforeAll(async () => {
    client = await registerWebClient(ctx.admin, { first_party: true, scope: 'openid offline_access reports:read' });
  });

  async function registerReportsApi(): Promise<string> {
    const response = await ctx.admin.send<{ id: string }>('POST', '/admin/v1/apis', { identifier: REPORTS, name: 'Reports', scopes: [{ name: 'reports:read' }] });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  /** A code for a new person, for `authorizeParams`, and its PKCE verifier. */
  async function code(authorizeParams: Record<string, string> = {}): Promise<{ code: string; verifier: string }> {
    const { verifier, challenge } = pkce();
    const url = authorizeUrl(client.client_id, { code_challenge: challenge, code_challenge_method: 'S256', scope: 'openid offline_access reports:read', ...authorizeParams });
    const issued = callbackParams(await authorize(new BrowserSession(ctx.server.baseUrl), url, await createPerson(ctx.admin))).get('code');
    expect(issued).toBeTruthy();
    return { code: issued!, verifier };
  }

  const redeem = (issued: { code: string; verifier: string }) =>
    tokenRequest(ctx.server.baseUrl, client, { grant_type: 'authorization_code', code: issued.code, redirect_uri: CALLBACK, code_verifier: issued.verifier });
  const refresh = (token: string, params: Record<string, string> = {}) =>
    tokenRequest(ctx.server.baseUrl, client, { grant_type: 'refresh_token', refresh_token: token, ...params });

  it('a refresh naming a resource no API has: invalid_target, and the refresh token still works', async () => {
    const tokens = await redeem(await code());
    expect(tokens.status).toBe(200);
    const refused = await refresh(tokens.body.refresh_token!, { resource: 'https://unregistered.refused-target.example.com' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_target');
    const retried = await refresh(tokens.body.refresh_token!);
    expect(retried.status).toBe(200);
    expect(retried.body.refresh_token).toEqual(expect.any(String));
  });

  it('a refresh of a grant whose API was deleted: invalid_target; once the API is back, the same token works', async () => {
    const apiId = await registerReportsApi();
    const tokens = await redeem(await code({ resource: REPORTS }));
    expect(tokens.status).toBe(200);
    expect((await ctx.admin.send('DELETE', `/admin/v1/apis/${apiId}`)).status).toBe(204);
    const refused = await refresh(tokens.body.refresh_token!);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_target');
    const restored = await registerReportsApi();
    const retried = await refresh(tokens.body.refresh_token!);
    expect(retried.status).toBe(200);
    await ctx.admin.send('DELETE', `/admin/v1/apis/${restored}`);
  });

  it('a code whose bound API was deleted: invalid_target, and the code is not burnt', async () => {
    const apiId = await registerReportsApi();
    const issued = await code({ resource: REPORTS });
    expect((await ctx.admin.send('DELETE', `/admin/v1/apis/${apiId}`)).status).toBe(204);
    const refused = await redeem(issued);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_target');
    const restored = await registerReportsApi();
    const retried = await redeem(issued);
    expect(retried.status).toBe(200);
    expect(retried.body.refresh_token).toEqual(expect.any(String));
    await ctx.admin.send('DELETE', `/admin/v1/apis/${restored}`);
  });
});
