import { createHmac, createPublicKey } from 'node:crypto';
import { exportJWK, generateKeyPair, JWK, SignJWT } from 'jose';
import { useTestServer } from '../support/server-fixture';
import { basicAuth, decodeJwt, postForm, request } from '../support/http';
import { BrowserSession } from '../support/browser-session';
import { authorize, authorizeUrl, callbackParams, createPerson, pkce, redeemCode, registerWebClient, RegisteredClient, TokenSet } from '../support/sign-in';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function forgeHmac(header: Record<string, unknown>, payload: Record<string, unknown>, secret: string | Buffer): string {
  const input = `${b64({ ...header, alg: 'HS256' })}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/**
 * RFC 9700 §4.9 and RFC 8725 §2.1 / §3.1 (JWT best current practices): algorithm confusion, `alg: none`,
 * foreign keys behind our `kid`, embedded keys, and token type confusion (RFC 8725 §3.11, RFC 9068 §4)
 * are refused everywhere the server accepts a JWT: its own access tokens at userinfo, introspection and
 * the admin API, and id_token_hint at logout.
 */
describe('RFC 9700 §4.9 / RFC 8725: JWT algorithm and type confusion', () => {
  const ctx = useTestServer();
  let client: RegisteredClient;
  let tokens: TokenSet;
  let ourJwk: JWK & { kid: string; alg: string };
  const forgeries: Array<[string, (token: string) => Promise<string>]> = [];

  beforeAll(async () => {
    client = await registerWebClient(ctx.admin, { first_party: true });
    const { verifier, challenge } = pkce();
    const browser = new BrowserSession(ctx.server.baseUrl);
    const callback = callbackParams(await authorize(browser, authorizeUrl(client.client_id, { code_challenge: challenge, code_challenge_method: 'S256' }), await createPerson(ctx.admin)));
    tokens = (await redeemCode(ctx.server.baseUrl, client, callback.get('code')!, verifier)).body;
    const jwks = await request<{ keys: Array<JWK & { kid: string; alg: string }> }>(`${ctx.server.baseUrl}/oauth2/jwks`);
    ourJwk = jwks.body.keys.find((key) => key.kid === decodeJwt(tokens.access_token).header.kid)!;
    expect(ourJwk).toBeDefined();

    const attacker = await generateKeyPair('ES256', { extractable: true });
    const attackerJwk = await exportJWK(attacker.publicKey);
    const rsa = await generateKeyPair('RS256', { extractable: true });
    const spkiPem = createPublicKey({ key: ourJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
    const signWith = (key: CryptoKey, alg: string, header: Record<string, unknown>) => async (token: string) => {
      const { header: original, payload } = decodeJwt(token);
      return new SignJWT(payload).setProtectedHeader({ ...original, ...header, alg }).sign(key);
    };
    const withHeader = (header: Record<string, unknown>, signature: (input: string) => string) => async (token: string) => {
      const { header: original, payload } = decodeJwt(token);
      const input = `${b64({ ...original, ...header })}.${b64(payload)}`;
      return `${input}.${signature(input)}`;
    };
    forgeries.push(
      ['alg none, empty signature', withHeader({ alg: 'none' }, () => '')],
      ['alg none, original signature kept', async (token) => withHeader({ alg: 'none' }, () => token.split('.')[2])(token)],
      ['alg "None" (case variant)', withHeader({ alg: 'None' }, () => '')],
      ['alg "NONE" (case variant)', withHeader({ alg: 'NONE' }, () => '')],
      ['HS256 keyed with our public JWK (JSON)', async (token) => { const d = decodeJwt(token); return forgeHmac(d.header, d.payload, JSON.stringify(ourJwk)); }],
      ['HS256 keyed with our public key (SPKI PEM)', async (token) => { const d = decodeJwt(token); return forgeHmac(d.header, d.payload, spkiPem); }],
      ['HS256 keyed with our public key x coordinate', async (token) => { const d = decodeJwt(token); return forgeHmac(d.header, d.payload, Buffer.from(ourJwk.x!, 'base64url')); }],
      ['HS256 keyed with an empty secret', async (token) => { const d = decodeJwt(token); return forgeHmac(d.header, d.payload, ''); }],
      ['ES256 by another key under our kid', signWith(attacker.privateKey, 'ES256', { kid: ourJwk.kid })],
      ['ES256 by another key without a kid', signWith(attacker.privateKey, 'ES256', { kid: undefined })],
      ['ES256 by another key with an unknown kid', signWith(attacker.privateKey, 'ES256', { kid: 'attacker-key' })],
      ['ES256 by another key embedded as jwk (RFC 7515 §4.1.3)', signWith(attacker.privateKey, 'ES256', { kid: undefined, jwk: attackerJwk })],
      ['ES256 by another key named by jku', signWith(attacker.privateKey, 'ES256', { jku: 'https://evil.example/jwks', kid: 'attacker-key' })],
      ['RS256 by another key under our (EC) kid', signWith(rsa.privateKey, 'RS256', { kid: ourJwk.kid })],
      ['payload changed under the original signature', async (token) => {
        const [header, payload, signature] = token.split('.');
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
        return `${header}.${b64({ ...claims, scope: `${String(claims.scope)} admin`, exp: Number(claims.exp) + 3600 })}.${signature}`;
      }],
    );
  });

  const userinfo = (token: string) => request(`${ctx.server.baseUrl}/oauth2/userinfo`, { headers: { authorization: `Bearer ${token}` } });
  const introspect = (token: string) => postForm(`${ctx.server.baseUrl}/oauth2/introspect`, { token }, { authorization: basicAuth(client.client_id, client.client_secret!) });
  const adminCall = (token: string) => request(`${ctx.server.baseUrl}/admin/v1/clients`, { headers: { authorization: `Bearer ${token}` } });

  it('controls: the genuine tokens are accepted everywhere', async () => {
    expect((await userinfo(tokens.access_token)).status).toBe(200);
    expect((await introspect(tokens.access_token)).body.active).toBe(true);
    expect((await adminCall(ctx.admin.token)).status).toBe(200);
    expect(forgeries.length).toBeGreaterThan(10);
  });

  it('RFC 8725 §2.1: /oauth2/userinfo refuses every forged access token with 401 invalid_token', async () => {
    for (const [name, forge] of forgeries) {
      const response = await userinfo(await forge(tokens.access_token));
      expect({ name, status: response.status }).toEqual({ name, status: 401 });
      expect(response.headers.get('www-authenticate')).toContain('invalid_token');
    }
  });

  it('RFC 8725 §2.1: /oauth2/introspect answers active:false for every forged access token', async () => {
    for (const [name, forge] of forgeries) {
      const response = await introspect(await forge(tokens.access_token));
      expect({ name, status: response.status, body: response.body }).toEqual({ name, status: 200, body: { active: false } });
    }
  });

  it('RFC 8725 §2.1: the admin API refuses every forged admin token with 401', async () => {
    for (const [name, forge] of forgeries) {
      const response = await adminCall(await forge(ctx.admin.token));
      expect({ name, status: response.status }).toEqual({ name, status: 401 });
    }
  });

  it('RFC 8725 §3.11, RFC 9068 §4: an id_token (typ JWT) is not an access token anywhere', async () => {
    expect(decodeJwt(tokens.id_token!).header.typ).toBe('JWT');
    expect((await userinfo(tokens.id_token!)).status).toBe(401);
    expect((await introspect(tokens.id_token!)).body).toEqual({ active: false });
    expect((await adminCall(tokens.id_token!)).status).toBe(401);
  });

  it('RFC 8725 §3.11: an access token with its typ removed or changed to JWT is refused', async () => {
    const { header, payload } = decodeJwt(tokens.access_token);
    const [, , signature] = tokens.access_token.split('.');
    for (const typ of [undefined, 'JWT', 'at+JWT ', 'application/jwt']) {
      // The header is signed, so a changed typ also breaks the signature; either check must refuse it.
      const changed = `${b64({ ...header, typ })}.${b64(payload)}.${signature}`;
      expect((await userinfo(changed)).status).toBe(401);
    }
  });

  describe('id_token_hint at /oauth2/logout (RP-Initiated Logout 1.0 §2)', () => {
    async function signedIn(): Promise<{ browser: BrowserSession; idToken: string; accessToken: string }> {
      const browser = new BrowserSession(ctx.server.baseUrl);
      const { verifier, challenge } = pkce();
      const callback = callbackParams(await authorize(browser, authorizeUrl(client.client_id, { code_challenge: challenge, code_challenge_method: 'S256' }), await createPerson(ctx.admin)));
      const issued = (await redeemCode(ctx.server.baseUrl, client, callback.get('code')!, verifier)).body;
      return { browser, idToken: issued.id_token!, accessToken: issued.access_token };
    }

    it('RFC 8725 §2.1: every forged id_token_hint is refused with an error page, and the session survives', async () => {
      const { browser, idToken } = await signedIn();
      for (const [name, forge] of forgeries) {
        const page = await browser.get(`/oauth2/logout?id_token_hint=${encodeURIComponent(await forge(idToken))}&post_logout_redirect_uri=${encodeURIComponent('https://app.example.com/signed-out')}`);
        expect({ name, status: page.status, location: page.location }).toEqual({ name, status: 400, location: undefined });
        expect(browser.cookie('sid')).toBeDefined();
      }
    });

    it('RFC 8725 §3.11: an access token (typ at+jwt) is not an id_token_hint', async () => {
      const { browser, accessToken } = await signedIn();
      const page = await browser.get(`/oauth2/logout?id_token_hint=${encodeURIComponent(accessToken)}&post_logout_redirect_uri=${encodeURIComponent('https://app.example.com/signed-out')}`);
      expect(page.status).toBe(400);
      expect(page.location).toBeUndefined();
      expect(browser.cookie('sid')).toBeDefined();
    });

    it('control: the genuine id_token_hint signs out and redirects to the registered URI', async () => {
      const { browser, idToken } = await signedIn();
      const page = await browser.get(`/oauth2/logout?id_token_hint=${encodeURIComponent(idToken)}&post_logout_redirect_uri=${encodeURIComponent('https://app.example.com/signed-out')}`);
      expect(page.status).toBe(303);
      expect(page.location).toBe('https://app.example.com/signed-out');
    });
  });
});
