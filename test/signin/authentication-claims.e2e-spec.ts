import { randomUUID } from 'node:crypto';
import { AuthorizationCodeRepository, DeviceAuthorizationRepository, hashUserCode, normalizeUserCode } from '@app/grants';
import { poll, registerDeviceClient, startOk } from '../support/device';
import { basicAuth, decodeJwt, postForm } from '../support/http';
import { useTestServer } from '../support/server-fixture';
import { CALLBACK, createPerson, introspect, pkce, redeemCode, type RegisteredClient, registerWebClient, tokenRequest } from '../support/sign-in';

const REPORTS = 'https://reports.example.com';

/**
 * How the person authenticated (OIDC Core §2 `acr`/`amr`, RFC 9068 §2.2.1) travels from the code into the
 * id_token, the access tokens (JWT and reference), introspection (RFC 7662) and every refresh. The codes are
 * stored through the server's own repository, as the sign-in pages do once a session proved its level.
 */
describe('sign-in: acr and amr in every token of a grant', () => {
  const ctx = useTestServer();
  let client: RegisteredClient;
  let person: { id: string };
  let reportsApi: { client_id: string; client_secret: string };

  beforeAll(async () => {
    const api = await ctx.admin.send<{ client_id: string; client_secret: string }>('POST', '/admin/v1/apis', {
      identifier: REPORTS,
      name: 'Reports',
      scopes: [{ name: 'reports:read' }],
      access_token_format: 'opaque',
    });
    if (api.status !== 201) throw new Error(`register API: ${api.status} ${api.text}`);
    reportsApi = api.body;
    client = await registerWebClient(ctx.admin, { scope: 'openid profile offline_access reports:read', first_party: true });
    person = await createPerson(ctx.admin);
  });

  /** A code for `person` whose session proved `level` with `methods`; returns it with its PKCE verifier. */
  async function codeFor(level: { acr?: string | null; amr?: string[] | null }, extra: { scopes?: string[]; resource?: string } = {}) {
    const { verifier, challenge } = pkce();
    const code = await ctx.server.app.get(AuthorizationCodeRepository).issue({
      clientId: client.client_id,
      redirectUri: CALLBACK,
      userId: person.id,
      scopes: extra.scopes ?? ['openid', 'profile', 'offline_access'],
      nonce: 'n-1',
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
      resource: extra.resource,
      authTime: new Date(Date.now() - 5000),
      sessionId: randomUUID(),
      expiresAt: new Date(Date.now() + 60_000),
      ...level,
    });
    return { code, verifier };
  }

  it('carries acr and amr into the id_token, the JWT access token, introspection and the refreshed tokens', async () => {
    const { code, verifier } = await codeFor({ acr: 'mfa', amr: ['pwd', 'otp', 'mfa'] });

    const tokens = await redeemCode(ctx.server.baseUrl, client, code, verifier);

    expect(tokens.status).toBe(200);
    const idToken = decodeJwt(tokens.body.id_token!).payload;
    expect(idToken).toMatchObject({ acr: 'mfa', amr: ['pwd', 'otp', 'mfa'], auth_time: expect.any(Number) });
    expect(decodeJwt(tokens.body.access_token).payload).toMatchObject({ acr: 'mfa', amr: ['pwd', 'otp', 'mfa'], auth_time: idToken.auth_time });
    expect(await introspect(ctx.server.baseUrl, client, tokens.body.access_token)).toMatchObject({ active: true, acr: 'mfa', amr: ['pwd', 'otp', 'mfa'] });
    expect(await introspect(ctx.server.baseUrl, client, tokens.body.refresh_token!)).toMatchObject({ active: true, token_type: 'refresh_token', acr: 'mfa' });

    // A refresh is no new authentication: the level and the time stay those of the sign-in.
    const refreshed = await tokenRequest(ctx.server.baseUrl, client, { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token! });
    expect(refreshed.status).toBe(200);
    expect(decodeJwt(refreshed.body.id_token!).payload).toMatchObject({ acr: 'mfa', amr: ['pwd', 'otp', 'mfa'], auth_time: idToken.auth_time });
    expect(decodeJwt(refreshed.body.access_token).payload).toMatchObject({ acr: 'mfa', amr: ['pwd', 'otp', 'mfa'] });
    const again = await tokenRequest(ctx.server.baseUrl, client, { grant_type: 'refresh_token', refresh_token: refreshed.body.refresh_token! });
    expect(decodeJwt(again.body.access_token).payload).toMatchObject({ acr: 'mfa' });
  });

  it('RFC 7662 §2.2: a reference access token is introspected with the acr and amr it was issued with', async () => {
    const { code, verifier } = await codeFor({ acr: 'phr', amr: ['hwk', 'user', 'mfa'] }, { scopes: ['openid', 'reports:read'], resource: REPORTS });

    const tokens = await redeemCode(ctx.server.baseUrl, client, code, verifier);

    expect(tokens.status).toBe(200);
    expect(tokens.body.access_token).toMatch(/^oat_/);
    const answer = await postForm(`${ctx.server.baseUrl}/oauth2/introspect`, { token: tokens.body.access_token }, { authorization: basicAuth(reportsApi.client_id, reportsApi.client_secret) });
    expect(answer.body).toMatchObject({ active: true, aud: REPORTS, acr: 'phr', amr: ['hwk', 'user', 'mfa'], auth_time: expect.any(Number) });
  });

  it('RFC 8628: a device approved from a two-factor session gets tokens with that acr and amr', async () => {
    const device = await registerDeviceClient(ctx.admin);
    const started = await startOk(ctx.server, device, { scope: 'openid profile' });
    const approved = await ctx.server.app.get(DeviceAuthorizationRepository).decide(hashUserCode(normalizeUserCode(started.user_code)!), 'approved', {
      userId: person.id,
      sessionId: randomUUID(),
      authTime: new Date(),
      acr: 'mfa',
      amr: ['pwd', 'otp', 'mfa'],
    });
    expect(approved).toBeDefined();

    const tokens = await poll(ctx.server, device, started.device_code);

    expect(tokens.status).toBe(200);
    expect(decodeJwt(tokens.body.id_token as string).payload).toMatchObject({ acr: 'mfa', amr: ['pwd', 'otp', 'mfa'] });
    expect(decodeJwt(tokens.body.access_token as string).payload).toMatchObject({ acr: 'mfa', amr: ['pwd', 'otp', 'mfa'] });
  });

  it('omits acr and amr when the level is unknown', async () => {
    const { code, verifier } = await codeFor({ acr: null, amr: null });

    const tokens = await redeemCode(ctx.server.baseUrl, client, code, verifier);

    expect(decodeJwt(tokens.body.id_token!).payload).not.toHaveProperty('acr');
    expect(decodeJwt(tokens.body.id_token!).payload).not.toHaveProperty('amr');
    expect(decodeJwt(tokens.body.access_token).payload).not.toHaveProperty('acr');
    expect(await introspect(ctx.server.baseUrl, client, tokens.body.access_token)).not.toHaveProperty('acr');
  });

  it('gives client_credentials tokens no acr, amr or auth_time', async () => {
    const service = await ctx.admin.registerClient({ client_name: 'batch', grant_types: ['client_credentials'], scope: 'reports:read' });
    const response = await tokenRequest(ctx.server.baseUrl, service, { grant_type: 'client_credentials' });
    expect(response.status).toBe(200);
    const claims = decodeJwt(response.body.access_token).payload;
    for (const name of ['acr', 'amr', 'auth_time']) expect(claims).not.toHaveProperty(name);
  });
});
