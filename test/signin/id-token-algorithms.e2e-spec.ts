import { createRemoteJWKSet, jwtVerify } from 'jose';
import { useTestServer } from '../support/server-fixture';
import { decodeJwt, request } from '../support/http';
import { BrowserSession } from '../support/browser-session';
import { authorize, authorizeUrl, callbackParams, createPerson, pkce, redeemCode, registerWebClient, RegisteredClient, tokenRequest } from '../support/sign-in';

/**
 * OIDC Core §15.1 (RS256 must be available for ID tokens), Discovery §3 and Dynamic Client Registration §2
 * (id_token_signed_response_alg, RS256 when omitted), with access tokens signed in SIGNING_ALG (ES256 here).
 */
describe('ID token signing algorithms', () => {
  const ctx = useTestServer();
  let person: { id: string; username: string; password: string };

  beforeAll(async () => {
    person = await createPerson(ctx.admin);
  });

  async function signIn(client: RegisteredClient): Promise<{ access_token: string; id_token: string; refresh_token: string }> {
    const browser = new BrowserSession(ctx.server.baseUrl);
    const { verifier, challenge } = pkce();
    const callback = callbackParams(await authorize(browser, authorizeUrl(client.client_id, { code_challenge: challenge, code_challenge_method: 'S256', scope: 'openid offline_access' }), person));
    const tokens = await redeemCode(ctx.server.baseUrl, client, callback.get('code')!, verifier);
    expect(tokens.status).toBe(200);
    return tokens.body as { access_token: string; id_token: string; refresh_token: string };
  }

  async function verifyWithJwks(token: string, audience: string): Promise<void> {
    const jwks = createRemoteJWKSet(new URL(`${ctx.server.baseUrl}/oauth2/jwks`));
    await expect(jwtVerify(token, jwks, { issuer: ctx.server.config.issuer, audience })).resolves.toBeDefined();
  }

  it('discovery lists RS256 beside the token signing algorithm', async () => {
    const metadata = await request<{ id_token_signing_alg_values_supported: string[] }>(`${ctx.server.baseUrl}/.well-known/openid-configuration`);
    expect(metadata.body.id_token_signing_alg_values_supported).toEqual(['ES256', 'RS256']);
  });

  it('signs ID tokens with RS256 by default, access tokens stay ES256, both verify against the JWKS', async () => {
    const client = await registerWebClient(ctx.admin);
    const view = await ctx.admin.get<{ id_token_signed_response_alg: string }>(`/admin/v1/clients/${client.client_id}`);
    expect(view.body.id_token_signed_response_alg).toBe('RS256');
    const tokens = await signIn(client);
    expect(decodeJwt(tokens.id_token).header).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(decodeJwt(tokens.access_token).header).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    await verifyWithJwks(tokens.id_token, client.client_id);
    // at_hash (OIDC Core §3.1.3.6) follows the ID token's algorithm: SHA-256 for RS256.
    expect(typeof decodeJwt(tokens.id_token).payload.at_hash).toBe('string');
  });

  it('signs with ES256 for a client registered for it, also on refresh', async () => {
    const client = await registerWebClient(ctx.admin, { id_token_signed_response_alg: 'ES256' });
    const tokens = await signIn(client);
    expect(decodeJwt(tokens.id_token).header.alg).toBe('ES256');
    await verifyWithJwks(tokens.id_token, client.client_id);
    const refreshed = await tokenRequest(ctx.server.baseUrl, client, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(decodeJwt(refreshed.body.id_token!).header.alg).toBe('ES256');
  });

  it('refuses an algorithm the server holds no key for', async () => {
    const refused = await ctx.admin.send('POST', '/admin/v1/clients', {
      client_name: 'PS256 app',
      redirect_uris: ['https://app.example.com/callback'],
      id_token_signed_response_alg: 'PS256',
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'invalid_client_metadata', fields: { id_token_signed_response_alg: 'must be one of RS256, ES256' } });
  });

  it('after a rotation to RS256 one key signs everything and the RS256 ID token keys retire', async () => {
    const rotated = await ctx.admin.send<{ alg: string; kid: string }>('POST', '/admin/v1/keys/rotate', { alg: 'RS256' });
    expect(rotated.status).toBe(200);
    const metadata = await request<{ id_token_signing_alg_values_supported: string[] }>(`${ctx.server.baseUrl}/.well-known/openid-configuration`);
    expect(metadata.body.id_token_signing_alg_values_supported).toEqual(['RS256']);
    const tokens = await signIn(await registerWebClient(ctx.admin));
    expect(decodeJwt(tokens.id_token).header).toMatchObject({ alg: 'RS256', kid: rotated.body.kid });
    const keys = await ctx.admin.get<{ items: Array<{ status: string; purpose: string }> }>('/admin/v1/keys');
    expect(keys.body.items.filter((key) => key.purpose === 'id_token' && key.status !== 'retired')).toHaveLength(0);

    const back = await ctx.admin.send<{ alg: string }>('POST', '/admin/v1/keys/rotate', { alg: 'ES256' });
    expect(back.body.alg).toBe('ES256');
    const again = await request<{ id_token_signing_alg_values_supported: string[] }>(`${ctx.server.baseUrl}/.well-known/openid-configuration`);
    expect(again.body.id_token_signing_alg_values_supported).toEqual(['ES256', 'RS256']);
    const client = await registerWebClient(ctx.admin);
    expect(decodeJwt((await signIn(client)).id_token).header.alg).toBe('RS256');
  });
});
