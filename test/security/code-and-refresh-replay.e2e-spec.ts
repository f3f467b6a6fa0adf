import { useTestServer } from '../support/server-fixture';
import { BrowserSession } from '../support/browser-session';
import { introspect, redeemCode, registerWebClient, RegisteredClient, TokenSet, tokenRequest } from '../support/sign-in';
import { decide, poll, registerDeviceClient, signedInBrowser as deviceBrowser, startOk } from '../support/device';
import { freshCode, signedInBrowser } from '../support/security';

/**
 * RFC 9700 §4.5 (authorization code injection), RFC 6749 §4.1.2 (code replay revokes what it issued),
 * RFC 9700 §4.14.2 (refresh token rotation and reuse detection), RFC 6749 §4.1.3 / RFC 8628 §3.4
 * (code and device code bound to the client). A malformed or foreign replay must not let an attacker
 * revoke a legitimate family.
 */
describe('RFC 9700 §4.5 / §4.14: code and refresh token replay', () => {
  const ctx = useTestServer({ DEVICE_POLL_INTERVAL: '1' });
  let client: RegisteredClient;
  let other: RegisteredClient;
  let browser: BrowserSession;

  beforeAll(async () => {
    client = await registerWebClient(ctx.admin, { first_party: true });
    other = await registerWebClient(ctx.admin, { first_party: true });
    browser = await signedInBrowser(ctx.server, ctx.admin, client);
  });

  async function redeemed(): Promise<TokenSet> {
    const issued = await freshCode(browser, client);
    const response = await redeemCode(ctx.server.baseUrl, client, issued.code, issued.verifier);
    expect(response.status).toBe(200);
    return response.body;
  }

  const refresh = (token: string, as: RegisteredClient = client) => tokenRequest(ctx.server.baseUrl, as, { grant_type: 'refresh_token', refresh_token: token });
  const active = async (token: string, as: RegisteredClient = client) => (await introspect(ctx.server.baseUrl, as, token)).active;

  describe('authorization code', () => {
    it('RFC 6749 §4.1.2, RFC 9700 §4.5: a replayed code fails and every token of the first redemption becomes inactive', async () => {
      const issued = await freshCode(browser, client);
      const first = await redeemCode(ctx.server.baseUrl, client, issued.code, issued.verifier);
      expect(first.status).toBe(200);
      const rotated = await refresh(first.body.refresh_token!);
      expect(rotated.status).toBe(200);

      const replay = await redeemCode(ctx.server.baseUrl, client, issued.code, issued.verifier);
      expect(replay.status).toBe(400);
      expect(replay.body.error).toBe('invalid_grant');
      expect(replay.body.access_token).toBeUndefined();

      expect(await active(first.body.access_token)).toBe(false);
      expect(await active(rotated.body.access_token)).toBe(false);
      expect(await active(rotated.body.refresh_token!)).toBe(false);
      expect((await refresh(rotated.body.refresh_token!)).body.error).toBe('invalid_grant');
    });

    it('RFC 9700 §4.5: a garbage code does not revoke anything', async () => {
      const tokens = await redeemed();
      for (const garbage of ['not-a-code', 'A'.repeat(43), '', ' ']) {
        const response = await tokenRequest(ctx.server.baseUrl, client, { grant_type: 'authorization_code', code: garbage, redirect_uri: 'https://app.example.com/callback', code_verifier: 'x'.repeat(43) });
        expect(response.status).toBe(400);
      }
      expect(await active(tokens.access_token)).toBe(true);
      expect(await active(tokens.refresh_token!)).toBe(true);
    });

    it('RFC 6749 §4.1.3: an unused code presented by another client is invalid_grant, with no tokens', async () => {
      const issued = await freshCode(browser, client);
      const stolen = await redeemCode(ctx.server.baseUrl, other, issued.code, issued.verifier);
      expect(stolen.status).toBe(400);
      expect(stolen.body.error).toBe('invalid_grant');
      expect(stolen.body.access_token).toBeUndefined();
      expect(stolen.body.id_token).toBeUndefined();
    });

    it('RFC 9700 §4.5: a used code replayed by another client does not revoke the legitimate family', async () => {
      const issued = await freshCode(browser, client);
      const first = await redeemCode(ctx.server.baseUrl, client, issued.code, issued.verifier);
      expect(first.status).toBe(200);
      const replay = await redeemCode(ctx.server.baseUrl, other, issued.code, issued.verifier);
      expect(replay.body.error).toBe('invalid_grant');
      expect(await active(first.body.access_token)).toBe(true);
      expect((await refresh(first.body.refresh_token!)).status).toBe(200);
    });

    it('RFC 9700 §2.6: a confidential client\'s code cannot be redeemed by sending its client_id without a secret', async () => {
      const issued = await freshCode(browser, client);
      const asPublic = await tokenRequest(ctx.server.baseUrl, { client_id: client.client_id }, { grant_type: 'authorization_code', code: issued.code, redirect_uri: 'https://app.example.com/callback', code_verifier: issued.verifier });
      expect(asPublic.status).toBe(401);
      expect(asPublic.body.error).toBe('invalid_client');
      // Client authentication fails before the code is looked at, so the code is still good.
      expect((await redeemCode(ctx.server.baseUrl, client, issued.code, issued.verifier)).status).toBe(200);
    });
  });

  describe('refresh token', () => {
    it('RFC 9700 §4.14.2: reuse of a rotated refresh token revokes the family, access tokens included', async () => {
      const tokens = await redeemed();
      const second = await refresh(tokens.refresh_token!);
      expect(second.status).toBe(200);
      const reuse = await refresh(tokens.refresh_token!);
      expect(reuse.status).toBe(400);
      expect(reuse.body.error).toBe('invalid_grant');
      expect(await active(tokens.access_token)).toBe(false);
      expect(await active(second.body.access_token)).toBe(false);
      expect(await active(second.body.refresh_token!)).toBe(false);
    });

    it('RFC 9700 §4.14.2: a garbage refresh token does not revoke anything', async () => {
      const tokens = await redeemed();
      for (const garbage of ['nope', `${tokens.refresh_token!}x`, tokens.refresh_token!.slice(0, -1), tokens.access_token]) {
        expect((await refresh(garbage)).body.error).toBe('invalid_grant');
      }
      expect(await active(tokens.access_token)).toBe(true);
      expect((await refresh(tokens.refresh_token!)).status).toBe(200);
    });

    it('RFC 9700 §4.14.2: a rotated refresh token presented by another client does not revoke the legitimate family', async () => {
      const tokens = await redeemed();
      const second = await refresh(tokens.refresh_token!);
      expect(second.status).toBe(200);
      expect((await refresh(tokens.refresh_token!, other)).body.error).toBe('invalid_grant');
      expect(await active(second.body.access_token)).toBe(true);
      expect((await refresh(second.body.refresh_token!)).status).toBe(200);
    });

    it('RFC 6749 §6: a current refresh token presented by another client is invalid_grant and stays usable', async () => {
      const tokens = await redeemed();
      const stolen = await refresh(tokens.refresh_token!, other);
      expect(stolen.body.error).toBe('invalid_grant');
      expect(stolen.body.access_token).toBeUndefined();
      expect((await refresh(tokens.refresh_token!)).status).toBe(200);
    });
  });

  describe('device code', () => {
    it('RFC 8628 §3.4, RFC 6749 §5.2: a device code polled by another client is invalid_grant and stays usable by its client', async () => {
      const device = await registerDeviceClient(ctx.admin);
      const thief = await registerDeviceClient(ctx.admin);
      const started = await startOk(ctx.server, device);
      const approved = await decide(await deviceBrowser(ctx.server), started.user_code, 'allow');
      expect(approved.status).toBe(200);
      const stolen = await poll(ctx.server, thief, started.device_code);
      expect(stolen.status).toBe(400);
      expect(stolen.body.error).toBe('invalid_grant');
      expect(stolen.body.access_token).toBeUndefined();
      const rightful = await poll(ctx.server, device, started.device_code);
      expect(rightful.status).toBe(200);
      expect(rightful.body.access_token).toBeDefined();
    });

    it('RFC 8628 §3.5: a device code redeemed twice is refused the second time', async () => {
      const device = await registerDeviceClient(ctx.admin);
      const started = await startOk(ctx.server, device);
      await decide(await deviceBrowser(ctx.server), started.user_code, 'allow');
      expect((await poll(ctx.server, device, started.device_code)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const again = await poll(ctx.server, device, started.device_code);
      expect(again.status).toBe(400);
      expect(again.body.access_token).toBeUndefined();
    });
  });
});
