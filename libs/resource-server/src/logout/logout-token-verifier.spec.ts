import { SignJWT, UnsecuredJWT } from 'jose';
import { FakeAuthorizationServer, ISSUER, JWKS_PATH, LOGOUT_CLIENT_ID } from '../../test/fake-authorization-server';
import { VerifierUnavailableError } from '../errors';
import { InMemoryReplayStore } from '../replay-store';
import type { LogoutTokenVerifierOptions } from './logout-token-options';
import { LogoutTokenRejected, type LogoutTokenRejection } from './logout-token-rejected';
import { BACKCHANNEL_LOGOUT_EVENT, LogoutTokenVerifier } from './logout-token-verifier';

describe(LogoutTokenVerifier.name, () => {
  let server: FakeAuthorizationServer;
  let sut: LogoutTokenVerifier;

  const verifierFor = (overrides: Partial<LogoutTokenVerifierOptions> = {}) =>
    new LogoutTokenVerifier({ issuer: server.issuer, clientId: LOGOUT_CLIENT_ID, fetch: server.fetch, now: () => server.nowMs, ...overrides });

  async function rejection(token: string, verifier = sut): Promise<LogoutTokenRejection> {
    const error = await verifier.verify(token).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(LogoutTokenRejected);
    return (error as LogoutTokenRejected).reason;
  }

  beforeEach(async () => {
    server = await FakeAuthorizationServer.create();
    sut = verifierFor();
  });

  it('accepts a valid logout token and returns its subject, session, jti, iss and aud', async () => {
    const token = await server.issueLogout({ claims: { jti: 'jti-1' } });
    await expect(sut.verify(token)).resolves.toEqual({ sub: 'user-42', sid: 'session-7', jti: 'jti-1', iss: ISSUER, aud: LOGOUT_CLIENT_ID });
  });

  it('§2.4: accepts a token naming only sid, or only sub, and an aud array containing the client', async () => {
    await expect(sut.verify(await server.issueLogout({ omit: ['sub'] }))).resolves.toMatchObject({ sid: 'session-7' });
    const subOnly = await sut.verify(await server.issueLogout({ omit: ['sid'] }));
    expect(subOnly).toMatchObject({ sub: 'user-42' });
    expect(subOnly).not.toHaveProperty('sid');
    const aud = [LOGOUT_CLIENT_ID, 'another-client'];
    await expect(sut.verify(await server.issueLogout({ claims: { aud } }))).resolves.toMatchObject({ aud });
  });

  it('discovers the JWKS once and reuses it', async () => {
    await sut.verify(await server.issueLogout());
    await sut.verify(await server.issueLogout());
    expect(server.count('/.well-known/openid-configuration')).toBe(1);
    expect(server.count(JWKS_PATH)).toBe(1);
  });

  it('§2.6: refuses a signature that does not verify', async () => {
    const [header, payload] = (await server.issueLogout()).split('.');
    const [, , otherSignature] = (await server.issueLogout({ claims: { jti: 'other' } })).split('.');
    expect(await rejection(`${header}.${payload}.${otherSignature}`)).toBe('signature');
  });

  it('§2.6: refuses a key the provider does not publish', async () => {
    const stranger = await server.createKey('stranger');
    expect(await rejection(await server.issueLogout({ key: stranger }))).toBe('unknown_key');
  });

  it('§2.6: refuses another issuer and another audience', async () => {
    expect(await rejection(await server.issueLogout({ claims: { iss: 'https://evil.example.test' } }))).toBe('issuer');
    expect(await rejection(await server.issueLogout({ claims: { aud: 'another-client' } }))).toBe('audience');
    expect(await rejection(await server.issueLogout({ omit: ['aud'] }))).toBe('audience');
  });

  it('§2.6: refuses a missing iat, an iat in the future and one too old', async () => {
    expect(await rejection(await server.issueLogout({ omit: ['iat'] }))).toBe('iat');
    expect(await rejection(await server.issueLogout({ claims: { iat: server.nowSeconds + 120 } }))).toBe('iat');
    expect(await rejection(await server.issueLogout({ claims: { iat: server.nowSeconds - 400 }, omit: ['exp'] }))).toBe('iat');
  });

  it('§2.6: refuses an expired token, and accepts one without exp', async () => {
    expect(await rejection(await server.issueLogout({ claims: { exp: server.nowSeconds - 60 } }))).toBe('expired');
    await expect(sut.verify(await server.issueLogout({ omit: ['exp'] }))).resolves.toMatchObject({ sid: 'session-7' });
  });

  it.each([
    ['missing', undefined],
    ['not an object', 'logout'],
    ['without the back-channel member', { 'http://schemas.openid.net/event/other': {} }],
    ['with a non-object member', { [BACKCHANNEL_LOGOUT_EVENT]: true }],
    ['with an array member', { [BACKCHANNEL_LOGOUT_EVENT]: [] }],
  ])('§2.6: refuses an events claim %s', async (_label, events) => {
    const token = events === undefined ? await server.issueLogout({ omit: ['events'] }) : await server.issueLogout({ claims: { events } });
    expect(await rejection(token)).toBe('events');
  });

  it('§2.6: refuses a nonce, so an ID token cannot pass as a logout token', async () => {
    expect(await rejection(await server.issueLogout({ claims: { nonce: 'n-1' } }))).toBe('nonce');
  });

  it('§2.6: refuses a token with neither sub nor sid, or with a non-string one', async () => {
    expect(await rejection(await server.issueLogout({ omit: ['sub', 'sid'] }))).toBe('subject');
    expect(await rejection(await server.issueLogout({ claims: { sid: 7 } }))).toBe('subject');
  });

  it('§2.6: refuses a missing jti', async () => {
    expect(await rejection(await server.issueLogout({ omit: ['jti'] }))).toBe('jti');
  });

  it('§2.6: refuses a jti seen before, until the token would be too old anyway', async () => {
    const store = new InMemoryReplayStore({ now: () => server.nowMs });
    const verifier = verifierFor({ replayStore: store });
    const token = await server.issueLogout({ omit: ['exp'] });
    await verifier.verify(token);
    expect(await rejection(token, verifier)).toBe('replayed');
    expect(store.size).toBe(1);
    server.advance(331); // past maxTokenAgeSeconds (300) plus the clock tolerance (30)
    expect(await rejection(token, verifier)).toBe('iat');
  });

  it('accepts the jti again once released (the application failed to act on it)', async () => {
    const token = await server.issueLogout({ claims: { jti: 'retry-me' } });
    await sut.verify(token);
    await sut.release('retry-me');
    await expect(sut.verify(token)).resolves.toMatchObject({ jti: 'retry-me' });
  });

  it('RFC 8725 §3.11: refuses other or missing typ headers unless a missing one is allowed', async () => {
    expect(await rejection(await server.issueLogout({ header: { typ: 'JWT' } }))).toBe('typ');
    expect(await rejection(await server.issue())).toBe('typ');
    const untyped = await server.issueLogout({ header: { typ: undefined } });
    expect(await rejection(untyped)).toBe('typ');
    await expect(verifierFor({ allowMissingTyp: true }).verify(untyped)).resolves.toMatchObject({ sid: 'session-7' });
    await expect(sut.verify(await server.issueLogout({ header: { typ: 'application/logout+jwt' } }))).resolves.toBeDefined();
  });

  it('RFC 8725 §3.1: refuses alg none and HS256', async () => {
    const claims = { iss: ISSUER, aud: LOGOUT_CLIENT_ID, iat: server.nowSeconds, jti: 'j', sid: 's', events: { [BACKCHANNEL_LOGOUT_EVENT]: {} } };
    const unsecured = new UnsecuredJWT(claims).encode();
    const typedNone = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'logout+jwt' })).toString('base64url')}.${unsecured.split('.')[1]}.`;
    expect(await rejection(typedNone)).toBe('algorithm');
    const hs256 = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'logout+jwt' }).sign(new TextEncoder().encode('x'.repeat(32)));
    expect(await rejection(hs256)).toBe('algorithm');
    expect(() => verifierFor({ algorithms: ['HS256' as 'ES256'] })).toThrow(/HS256/);
  });

  it('refuses garbage as malformed', async () => {
    expect(await rejection('not-a-jwt')).toBe('malformed');
    expect(await rejection('')).toBe('malformed');
  });

  it('reports an unreachable JWKS as VerifierUnavailableError, not as a verdict on the token', async () => {
    server.failures.set(JWKS_PATH, 500);
    await expect(sut.verify(await server.issueLogout())).rejects.toBeInstanceOf(VerifierUnavailableError);
  });

  it('uses an explicit jwksUri without discovery, and requires clientId', async () => {
    const verifier = verifierFor({ jwksUri: `${server.issuer}${JWKS_PATH}` });
    await verifier.verify(await server.issueLogout());
    expect(server.count('/.well-known/openid-configuration')).toBe(0);
    expect(() => verifierFor({ clientId: '' })).toThrow(/clientId/);
  });
});

describe(InMemoryReplayStore.name, () => {
  it('drops expired entries first, then the oldest, when full', () => {
    let now = 0;
    const sut = new InMemoryReplayStore({ maxEntries: 2, now: () => now });
    expect(sut.remember('a', 10)).toBe(true);
    expect(sut.remember('b', 100)).toBe(true);
    now = 20;
    expect(sut.remember('c', 100)).toBe(true);
    expect(sut.remember('b', 100)).toBe(false);
    expect(sut.remember('d', 100)).toBe(true);
    expect(sut.size).toBe(2);
    expect(sut.remember('c', 100)).toBe(false);
    expect(sut.remember('b', 100)).toBe(true);
  });
});
