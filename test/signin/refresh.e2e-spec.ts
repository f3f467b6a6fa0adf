import { useTestServer } from '../support/server-fixture';
import { usesPostgres } from '../support/test-server';
import { basicAuth, postForm } from '../support/http';
import { BrowserSession } from '../support/browser-session';
import { authorize, authorizeUrl, callbackParams, createPerson, introspect, pkce, redeemCode, registerWebClient, RegisteredClient, TokenSet, tokenRequest } from '../support/sign-in';

describe('token endpoint: refresh_token grant with rotation', () => {
  const ctx = useTestServer();
  let client: RegisteredClient;

  beforeAll(async () => {
    client = await registerWebClient(ctx.admin, { first_party: true });
  });

  async function signIn(person?: { username: string; password: string }): Promise<TokenSet> {
    const who = person ?? (await createPerson(ctx.admin));
    const { verifier, challenge } = pkce();
    const callback = callbackParams(await authorize(new BrowserSession(ctx.server.baseUrl), authorizeUrl(client.client_id, { code_challenge: challenge, code_challenge_method: 'S256', scope: 'openid profile offline_access' }), who));
    const tokens = await redeemCode(ctx.server.baseUrl, client, callback.get('code')!, verifier);
    expect(tokens.status).toBe(200);
    return tokens.body;
  }

  const refresh = (token: string, params: Record<string, string> = {}, as: RegisteredClient = client) =>
    tokenRequest(ctx.server.baseUrl, as, { grant_type: 'refresh_token', refresh_token: token, ...params });

  it('RFC 9700 §4.14.2: each use returns a new refresh token; reusing a rotated one revokes the family', async () => {
    const first = await signIn();
    const second = await refresh(first.refresh_token!);
    expect(second.status).toBe(200);
    const third = await refresh(second.body.refresh_token!);
    expect(third.status).toBe(200);

    const reuse = await refresh(first.refresh_token!);
    expect(reuse.status).toBe(400);
    expect(reuse.body.error).toBe('invalid_grant');

    // The whole family is gone, and its access tokens with it.
    expect((await refresh(third.body.refresh_token!)).body.error).toBe('invalid_grant');
    expect(await introspect(ctx.server.baseUrl, client, third.body.access_token)).toEqual({ active: false });
    expect(await introspect(ctx.server.baseUrl, client, first.access_token)).toEqual({ active: false });
  });

  it('RFC 6749 §6: the scope may narrow but not widen', async () => {
    const tokens = await signIn();
    const wider = await refresh(tokens.refresh_token!, { scope: 'openid email' });
    expect(wider.body.error).toBe('invalid_scope');
    // A refused request does not use the token up.
    const narrower = await refresh(tokens.refresh_token!, { scope: 'openid' });
    expect(narrower.status).toBe(200);
    expect(narrower.body.scope).toBe('openid');
    // The new refresh token keeps the original scope.
    const back = await refresh(narrower.body.refresh_token!);
    expect(back.body.scope).toBe('openid profile offline_access');
  });

  it('a refresh token is bound to its client', async () => {
    const tokens = await signIn();
    const other = await registerWebClient(ctx.admin, { first_party: true });
    expect((await refresh(tokens.refresh_token!, {}, other)).body.error).toBe('invalid_grant');
    // The rightful client can still use it.
    expect((await refresh(tokens.refresh_token!)).status).toBe(200);
  });

  it('a disabled person can no longer refresh', async () => {
    const person = await createPerson(ctx.admin);
    const tokens = await signIn(person);
    await ctx.admin.send('PATCH', `/admin/v1/users/${person.id}`, { disabled: true });
    expect((await refresh(tokens.refresh_token!)).body.error).toBe('invalid_grant');
  });

  it('an unknown refresh token is invalid_grant', async () => {
    expect((await refresh('nope')).body.error).toBe('invalid_grant');
  });

  it('RFC 7009: revoking a refresh token revokes its family and access tokens', async () => {
    const tokens = await signIn();
    const rotated = await refresh(tokens.refresh_token!);
    const revoked = await postForm(`${ctx.server.baseUrl}/oauth2/revoke`, { token: rotated.body.refresh_token!, token_type_hint: 'access_token' }, { authorization: basicAuth(client.client_id, client.client_secret!) });
    expect(revoked.status).toBe(200);
    expect((await refresh(rotated.body.refresh_token!)).body.error).toBe('invalid_grant');
    expect(await introspect(ctx.server.baseUrl, client, rotated.body.access_token)).toEqual({ active: false });
  });

  it('another client cannot introspect or revoke someone else\'s refresh token', async () => {
    const tokens = await signIn();
    const other = await registerWebClient(ctx.admin, { first_party: true });
    expect(await introspect(ctx.server.baseUrl, other, tokens.refresh_token!)).toEqual({ active: false });
    await postForm(`${ctx.server.baseUrl}/oauth2/revoke`, { token: tokens.refresh_token! }, { authorization: basicAuth(other.client_id, other.client_secret!) });
    expect((await refresh(tokens.refresh_token!)).status).toBe(200);
  });

  // PostgreSQL only: the embedded database runs one transaction at a time, so the refreshes cannot overlap there.
  (usesPostgres() ? it : it.skip)('concurrent uses of one refresh token: one wins, the reuse then revokes the family', async () => {
    const tokens = await signIn();
    const results = await Promise.all([1, 2].map(() => refresh(tokens.refresh_token!)));
    expect(results.filter((result) => result.status === 200)).toHaveLength(1);
  });
});
