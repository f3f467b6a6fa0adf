import { createHash, randomBytes } from 'node:crypto';
import { useTestServer } from '../support/server-fixture';
import { BrowserSession } from '../support/browser-session';
import { authorizeUrl, callbackParams, CALLBACK, pkce, redeemCode, registerWebClient, RegisteredClient } from '../support/sign-in';
import { freshCode, signedInBrowser } from '../support/security';

/** RFC 9700 §2.1.1 (PKCE required) and §4.8 (PKCE downgrade attacks), RFC 7636 §4. */
describe('RFC 9700 §2.1.1 / §4.8: PKCE and its downgrades', () => {
  const ctx = useTestServer();
  let client: RegisteredClient;
  let browser: BrowserSession;

  beforeAll(async () => {
    client = await registerWebClient(ctx.admin, { first_party: true });
    browser = await signedInBrowser(ctx.server, ctx.admin, client);
  });

  async function authorizeError(forClient: RegisteredClient, params: Record<string, string>): Promise<string | null> {
    const response = await browser.get(authorizeUrl(forClient.client_id, { scope: 'openid', ...params }));
    const callback = callbackParams(response);
    expect(callback.get('code')).toBeNull();
    return callback.get('error');
  }

  it('RFC 9700 §4.8.2: a verifier for a code issued without a challenge is invalid_grant', async () => {
    const optOut = await registerWebClient(ctx.admin, { first_party: true, require_pkce: false });
    const code = callbackParams(await browser.get(authorizeUrl(optOut.client_id, { scope: 'openid' }))).get('code')!;
    const redeemed = await redeemCode(ctx.server.baseUrl, optOut, code, pkce().verifier);
    expect(redeemed.status).toBe(400);
    expect(redeemed.body.error).toBe('invalid_grant');
  });

  it('RFC 9700 §4.8.2: a code issued with a challenge cannot be redeemed without a verifier', async () => {
    const issued = await freshCode(browser, client);
    const redeemed = await redeemCode(ctx.server.baseUrl, client, issued.code, undefined);
    expect(redeemed.body.error).toBe('invalid_grant');
  });

  it('RFC 9700 §2.1.1: plain is refused for a client not allowed it, explicit or by default (RFC 7636 §4.3)', async () => {
    const { verifier } = pkce();
    expect(await authorizeError(client, { code_challenge: verifier, code_challenge_method: 'plain' })).toBe('invalid_request');
    expect(await authorizeError(client, { code_challenge: verifier })).toBe('invalid_request');
  });

  it('RFC 7636 §4.6: an S256 challenge redeemed as if plain (the challenge as verifier) is invalid_grant', async () => {
    const issued = await freshCode(browser, client);
    const redeemed = await redeemCode(ctx.server.baseUrl, client, issued.code, issued.challenge);
    expect(redeemed.body.error).toBe('invalid_grant');
  });

  it('RFC 7636 §4.6: a plain challenge cannot be redeemed with a verifier whose S256 hash equals it', async () => {
    const plainClient = await registerWebClient(ctx.admin, { first_party: true, allow_plain_pkce: true });
    const pair = pkce();
    const response = await browser.get(authorizeUrl(plainClient.client_id, { code_challenge: pair.challenge, code_challenge_method: 'plain', scope: 'openid' }));
    const redeemed = await redeemCode(ctx.server.baseUrl, plainClient, callbackParams(response).get('code')!, pair.verifier);
    expect(redeemed.body.error).toBe('invalid_grant');
  });

  it.each([
    ['42 characters (too short)', 'a'.repeat(42)],
    ['129 characters (too long)', 'a'.repeat(129)],
    ['a character outside the unreserved set', `${'a'.repeat(42)}+`],
    ['padding', `${'a'.repeat(42)}=`],
    ['a space', `${'a'.repeat(21)} ${'a'.repeat(21)}`],
  ])('RFC 7636 §4.2: a challenge with %s is invalid_request', async (_name, challenge) => {
    expect(await authorizeError(client, { code_challenge: challenge, code_challenge_method: 'S256' })).toBe('invalid_request');
  });

  it('RFC 7636 §4.3: code_challenge_method without a challenge, or an unknown method, is invalid_request', async () => {
    expect(await authorizeError(client, { code_challenge_method: 'S256' })).toBe('invalid_request');
    expect(await authorizeError(client, { code_challenge: pkce().challenge, code_challenge_method: 's256' })).toBe('invalid_request');
    expect(await authorizeError(client, { code_challenge: pkce().challenge, code_challenge_method: 'none' })).toBe('invalid_request');
  });

  it('RFC 7636 §4.1: a verifier outside 43-128 characters is invalid_grant even when its hash matches', async () => {
    const shortVerifier = randomBytes(31).toString('base64url'); // 42 characters
    expect(shortVerifier).toHaveLength(42);
    const challenge = createHash('sha256').update(shortVerifier).digest('base64url');
    const response = await browser.get(authorizeUrl(client.client_id, { code_challenge: challenge, code_challenge_method: 'S256', scope: 'openid' }));
    const redeemed = await redeemCode(ctx.server.baseUrl, client, callbackParams(response).get('code')!, shortVerifier);
    expect(redeemed.status).toBe(400);
    expect(redeemed.body.error).toBe('invalid_grant');
  });

  it('RFC 9700 §2.1.1: a public client cannot get a code without PKCE, even when registered to opt out', async () => {
    const metadata = {
      client_name: 'SPA', redirect_uris: [CALLBACK], grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'none', scope: 'openid', first_party: true, require_pkce: false,
    };
    const registered = await ctx.admin.createClient<{ client_id: string }>(metadata);
    if (registered.status === 201) {
      expect(await authorizeError(registered.body, {})).toBe('invalid_request');
    } else {
      expect(registered.status).toBe(400);
    }
    const spa = await ctx.admin.registerClient({ ...metadata, require_pkce: undefined });
    expect(await authorizeError(spa, {})).toBe('invalid_request');
  });

  it('RFC 7636 §4.6: a wrong verifier does not reveal or redeem, and the right one still works only once', async () => {
    const issued = await freshCode(browser, client);
    const wrong = await redeemCode(ctx.server.baseUrl, client, issued.code, pkce().verifier);
    expect(wrong.body.error).toBe('invalid_grant');
    expect(wrong.body.access_token).toBeUndefined();
  });
});
