import { generateKeyPair, SignJWT } from 'jose';
import { KeyStore } from '@app/tokens';
import { basicAuth, decodeJwt, postForm } from '../support/http';
import { useTestServer } from '../support/server-fixture';

describe('RFC 7662 introspection and RFC 7009 revocation', () => {
  const ctx = useTestServer({ ACCESS_TOKEN_TTL: '60' });
  let service: { client_id: string; client_secret?: string };
  let other: { client_id: string; client_secret?: string };

  const token = async (client = service) => {
    const response = await postForm<{ access_token: string }>(`${ctx.server.baseUrl}/oauth2/token`, { grant_type: 'client_credentials' }, { authorization: basicAuth(client.client_id, client.client_secret!) });
    return response.body.access_token;
  };
  const introspect = (value: string, client = service, extra: Record<string, string> = {}) =>
    postForm(`${ctx.server.baseUrl}/oauth2/introspect`, { token: value, ...extra }, { authorization: basicAuth(client.client_id, client.client_secret!) });
  const revoke = (value: string, client = service, extra: Record<string, string> = {}) =>
    postForm(`${ctx.server.baseUrl}/oauth2/revoke`, { token: value, ...extra }, { authorization: basicAuth(client.client_id, client.client_secret!) });

  beforeAll(async () => {
    service = await ctx.admin.registerClient({ client_name: 'svc', grant_types: ['client_credentials'], scope: 'orders:read' });
    other = await ctx.admin.registerClient({ client_name: 'other', grant_types: ['client_credentials'], scope: 'x' });
  });

  it('describes an active token (RFC 7662 §2.2)', async () => {
    const value = await token();
    const response = await introspect(value);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const claims = decodeJwt(value).payload;
    expect(response.body).toEqual({
      active: true,
      scope: 'orders:read',
      client_id: service.client_id,
      sub: service.client_id,
      aud: ctx.server.config.issuer,
      iss: ctx.server.config.issuer,
      exp: claims.exp,
      iat: claims.iat,
      jti: claims.jti,
      token_type: 'Bearer',
    });
  });

  it.each([
    ['garbage', 'not-a-token'],
    ['a truncated JWT', 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0'],
    ['an unsigned JWT (alg none)', `${Buffer.from('{"alg":"none","typ":"at+jwt"}').toString('base64url')}.${Buffer.from('{"sub":"x","client_id":"x","jti":"x","iat":1,"exp":9999999999}').toString('base64url')}.`],
  ])('answers {"active": false} for %s', async (_name, value) => {
    const response = await introspect(value);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ active: false });
  });

  it('answers inactive for a token signed by a foreign key with our kid', async () => {
    const genuine = decodeJwt(await token());
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ ...genuine.payload })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: genuine.header.kid as string })
      .sign(privateKey);
    expect((await introspect(forged)).body).toEqual({ active: false });
  });

  it('answers inactive for an HS256 token keyed with our public key (algorithm confusion)', async () => {
    const genuine = decodeJwt(await token());
    const jwks = await (await fetch(`${ctx.server.baseUrl}/oauth2/jwks`)).json() as { keys: Record<string, unknown>[] };
    const secret = new TextEncoder().encode(JSON.stringify(jwks.keys[0]));
    const forged = await new SignJWT({ ...genuine.payload })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: genuine.header.kid as string })
      .sign(secret);
    expect((await introspect(forged)).body).toEqual({ active: false });
  });

  it('answers inactive for an expired token signed with our own key', async () => {
    const genuine = decodeJwt(await token());
    const key = ctx.server.app.get(KeyStore).activeKey();
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ ...genuine.payload, iat: now - 7200, exp: now - 3600 })
      .setProtectedHeader({ alg: key.alg, typ: 'at+jwt', kid: key.kid })
      .sign(key.privateKey);
    expect((await introspect(expired)).body).toEqual({ active: false });
  });

  it('answers inactive for a token of ours with the wrong typ (RFC 9068 §4)', async () => {
    const genuine = decodeJwt(await token());
    const key = ctx.server.app.get(KeyStore).activeKey();
    const idTokenLike = await new SignJWT({ ...genuine.payload })
      .setProtectedHeader({ alg: key.alg, typ: 'JWT', kid: key.kid })
      .sign(key.privateKey);
    expect((await introspect(idTokenLike)).body).toEqual({ active: false });
  });

  it('requires the caller to authenticate (RFC 7662 §2.1)', async () => {
    const response = await postForm(`${ctx.server.baseUrl}/oauth2/introspect`, { token: await token() });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('invalid_client');
  });

  it('rejects a wrong secret on introspection with 401', async () => {
    const response = await postForm(`${ctx.server.baseUrl}/oauth2/introspect`, { token: 'x' }, { authorization: basicAuth(service.client_id, 'wrong') });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  it('requires the token parameter', async () => {
    const response = await postForm(`${ctx.server.baseUrl}/oauth2/introspect`, {}, { authorization: basicAuth(service.client_id, service.client_secret!) });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid_request');
  });

  it('answers 200 for revoking an unknown token (RFC 7009 §2.2)', async () => {
    const response = await revoke('never-issued');
    expect(response.status).toBe(200);
  });

  it('makes a revoked token inactive at once', async () => {
    const value = await token();
    expect((await introspect(value)).body.active).toBe(true);
    const response = await revoke(value, service, { token_type_hint: 'access_token' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect((await introspect(value)).body).toEqual({ active: false });
  });

  it('RFC 7009 §2.1: refuses to let one client revoke another client\'s token', async () => {
    const value = await token();
    const refused = await revoke(value, other);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ error: 'invalid_request', error_description: 'The token was not issued to this client' });
    expect((await introspect(value)).body.active).toBe(true);
  });

  it('requires client authentication to revoke', async () => {
    const response = await postForm(`${ctx.server.baseUrl}/oauth2/revoke`, { token: 'x' });
    expect(response.status).toBe(401);
    expect(response.body.error).toBe('invalid_client');
  });
});
