import { useTestServer } from '../support/server-fixture';
import { usesPostgres } from '../support/test-server';
import { BrowserSession } from '../support/browser-session';
import { authorize, authorizeUrl, callbackParams, createPerson, introspect, pkce, Pkce, redeemCode, registerWebClient, RegisteredClient, tokenRequest } from '../support/sign-in';

describe('token endpoint: authorization_code grant', () => {
  const ctx = useTestServer();
  let client: RegisteredClient;
  let browser: BrowserSession;

  beforeAll(async () => {
    client = await registerWebClient(ctx.admin, { first_party: true });
    browser = new BrowserSession(ctx.server.baseUrl);
    const person = await createPerson(ctx.admin);
    callbackParams(await authorize(browser, authorizeUrl(client.client_id, { code_challenge: pkce().challenge, code_challenge_method: 'S256' }), person));
  });

  /** A fresh code for the signed-in browser (SSO: no pages in between). */
  async function code(forClient: RegisteredClient = client, params: Record<string, string> = {}): Promise<{ code: string } & Pkce> {
    const challenge = pkce();
    const response = await browser.get(authorizeUrl(forClient.client_id, { code_challenge: challenge.challenge, code_challenge_method: 'S256', scope: 'openid offline_access', ...params }));
    return { code: callbackParams(response).get('code')!, ...challenge };
  }

  it('RFC 7636 §4.6: a missing verifier is invalid_grant', async () => {
    const issued = await code();
    const response = await redeemCode(ctx.server.baseUrl, client, issued.code, undefined);
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_grant');
  });

  it('RFC 7636 §4.6: a wrong verifier is invalid_grant', async () => {
    const issued = await code();
    const response = await redeemCode(ctx.server.baseUrl, client, issued.code, pkce().verifier);
    expect(response.body.error).toBe('invalid_grant');
  });

  it('RFC 7636 §4.6: an S256 challenge redeemed as if plain (challenge as verifier) is invalid_grant', async () => {
    const issued = await code();
    const response = await redeemCode(ctx.server.baseUrl, client, issued.code, issued.challenge);
    expect(response.body.error).toBe('invalid_grant');
  });

  it('RFC 9700 §2.1.1: a verifier for a code issued without a challenge is invalid_grant', async () => {
    const optOut = await registerWebClient(ctx.admin, { first_party: true, require_pkce: false });
    const response = await browser.get(authorizeUrl(optOut.client_id, { scope: 'openid' }));
    const issued = callbackParams(response).get('code')!;
    const redeemed = await redeemCode(ctx.server.baseUrl, optOut, issued, pkce().verifier);
    expect(redeemed.body.error).toBe('invalid_grant');
  });

  it('plain PKCE works for a client that allows it', async () => {
    const plain = await registerWebClient(ctx.admin, { first_party: true, allow_plain_pkce: true });
    const { verifier } = pkce();
    const response = await browser.get(authorizeUrl(plain.client_id, { code_challenge: verifier, code_challenge_method: 'plain', scope: 'openid' }));
    const redeemed = await redeemCode(ctx.server.baseUrl, plain, callbackParams(response).get('code')!, verifier);
    expect(redeemed.status).toBe(200);
  });

  it('RFC 6749 §4.1.3: redirect_uri must match the authorization request', async () => {
    const issued = await code();
    const response = await redeemCode(ctx.server.baseUrl, client, issued.code, issued.verifier, 'https://app.example.com/other');
    expect(response.body.error).toBe('invalid_grant');
    const missing = await code();
    const withoutUri = await tokenRequest(ctx.server.baseUrl, client, { grant_type: 'authorization_code', code: missing.code, code_verifier: missing.verifier });
    expect(withoutUri.body.error).toBe('invalid_grant');
  });

  it('RFC 6749 §4.1.3: a code issued to another client is invalid_grant', async () => {
    const other = await registerWebClient(ctx.admin, { first_party: true });
    const issued = await code();
    const response = await redeemCode(ctx.server.baseUrl, other, issued.code, issued.verifier);
    expect(response.body.error).toBe('invalid_grant');
  });

  it('an unknown code is invalid_grant and a missing one invalid_request', async () => {
    expect((await redeemCode(ctx.server.baseUrl, client, 'not-a-code', pkce().verifier)).body.error).toBe('invalid_grant');
    expect((await tokenRequest(ctx.server.baseUrl, client, { grant_type: 'authorization_code' })).body.error).toBe('invalid_request');
  });

  it('RFC 6749 §4.1.2: a replayed code fails and revokes what the first redemption issued', async () => {
    const issued = await code();
    const first = await redeemCode(ctx.server.baseUrl, client, issued.code, issued.verifier);
    expect(first.status).toBe(200);
    expect(await introspect(ctx.server.baseUrl, client, first.body.access_token)).toMatchObject({ active: true });

    const replay = await redeemCode(ctx.server.baseUrl, client, issued.code, issued.verifier);
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');

    expect(await introspect(ctx.server.baseUrl, client, first.body.access_token)).toEqual({ active: false });
    expect(await introspect(ctx.server.baseUrl, client, first.body.refresh_token!)).toEqual({ active: false });
    const refresh = await tokenRequest(ctx.server.baseUrl, client, { grant_type: 'refresh_token', refresh_token: first.body.refresh_token! });
    expect(refresh.body.error).toBe('invalid_grant');
  });

  // PostgreSQL only: the embedded database runs one transaction at a time, so the redemptions cannot overlap there.
  (usesPostgres() ? it : it.skip)('two concurrent redemptions of one code: exactly one wins', async () => {
    const issued = await code();
    const results = await Promise.all([1, 2, 3].map(() => redeemCode(ctx.server.baseUrl, client, issued.code, issued.verifier)));
    expect(results.filter((result) => result.status === 200)).toHaveLength(1);
  });

  it('a public client redeems with PKCE and no secret', async () => {
    const spa = await ctx.admin.registerClient({
      client_name: 'SPA', redirect_uris: ['https://spa.example.com/cb'], grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'none', scope: 'openid', first_party: true,
    });
    const { verifier, challenge } = pkce();
    const response = await browser.get(authorizeUrl(spa.client_id, { code_challenge: challenge, code_challenge_method: 'S256', scope: 'openid' }, 'https://spa.example.com/cb'));
    const redeemed = await redeemCode(ctx.server.baseUrl, spa, callbackParams(response).get('code')!, verifier, 'https://spa.example.com/cb');
    expect(redeemed.status).toBe(200);
    expect(redeemed.body.refresh_token).toBeUndefined();
    expect(redeemed.body.id_token).toBeDefined();
  });

  it('a disabled person cannot redeem a code issued before', async () => {
    const person = await createPerson(ctx.admin);
    const other = new BrowserSession(ctx.server.baseUrl);
    const { verifier, challenge } = pkce();
    const callback = callbackParams(await authorize(other, authorizeUrl(client.client_id, { code_challenge: challenge, code_challenge_method: 'S256' }), person));
    expect((await ctx.admin.send('PATCH', `/admin/v1/users/${person.id}`, { disabled: true })).status).toBe(200);
    const redeemed = await redeemCode(ctx.server.baseUrl, client, callback.get('code')!, verifier);
    expect(redeemed.body.error).toBe('invalid_grant');
  });
});

describe('token endpoint: expired authorization code', () => {
  const ctx = useTestServer({ AUTHORIZATION_CODE_TTL: '10' });

  it('RFC 6749 §4.1.2: a code older than its lifetime is invalid_grant', async () => {
    const client = await registerWebClient(ctx.admin, { first_party: true });
    const person = await createPerson(ctx.admin);
    const { verifier, challenge } = pkce();
    const callback = callbackParams(await authorize(new BrowserSession(ctx.server.baseUrl), authorizeUrl(client.client_id, { code_challenge: challenge, code_challenge_method: 'S256' }), person));
    await new Promise((resolve) => setTimeout(resolve, 10_500));
    const redeemed = await redeemCode(ctx.server.baseUrl, client, callback.get('code')!, verifier);
    expect(redeemed.status).toBe(400);
    expect(redeemed.body.error).toBe('invalid_grant');
    expect(redeemed.body.error_description).toBe('The grant is invalid, expired, revoked or was issued to another client');
  });
});
