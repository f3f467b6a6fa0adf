import {
  AUDIENCE,
  FakeAuthorizationServer,
  INTROSPECTION_PATH,
  ISSUER,
  JWKS_PATH,
  RESOURCE_CLIENT,
} from '../test/fake-authorization-server';
import { InvalidTokenError, VerifierUnavailableError } from './errors';
import { basicAuthorization, IntrospectionClient } from './introspection-client';
import type { TokenVerifier } from './verifier';

const OPAQUE = 'opaque-access-token-0123456789';

describe(IntrospectionClient.name, () => {
  let server: FakeAuthorizationServer;
  let verifier: TokenVerifier;

  function activeAnswer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      active: true,
      scope: 'orders:read orders:write',
      client_id: 'web-shop',
      sub: 'user-42',
      aud: AUDIENCE,
      iss: ISSUER,
      jti: 'jti-1',
      iat: server.nowSeconds,
      exp: server.nowSeconds + 600,
      token_type: 'Bearer',
      ...overrides,
    };
  }

  beforeEach(async () => {
    server = await FakeAuthorizationServer.create();
    verifier = server.verifier({ mode: 'auto', introspection: RESOURCE_CLIENT });
  });

  it('accepts an active token, sending the token form-encoded with HTTP Basic client authentication', async () => {
    server.introspectionAnswers.set(OPAQUE, activeAnswer());

    const verified = await verifier.verify(OPAQUE);

    expect(verified).toMatchObject({
      subject: 'user-42',
      clientId: 'web-shop',
      scopes: ['orders:read', 'orders:write'],
      token: OPAQUE,
      source: 'introspection',
    });
    expect(verified.claims).not.toHaveProperty('active');
    const call = server.calls.find((recorded) => recorded.path === INTROSPECTION_PATH);
    expect(call?.init.method).toBe('POST');
    expect(call?.init.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(call?.init.body).get('token')).toBe(OPAQUE);
    expect(new URLSearchParams(call?.init.body).get('token_type_hint')).toBe('access_token');
  });

  it('form-urlencodes client credentials before Basic encoding (RFC 6749 §2.3.1)', () => {
    const header = basicAuthorization({ clientId: 'a:b', clientSecret: 'p w+%' });

    expect(Buffer.from(header.replace('Basic ', ''), 'base64').toString()).toBe('a%3Ab:p+w%2B%25');
  });

  it('rejects an inactive token', async () => {
    const error = await verifier.verify('unknown-token').catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(InvalidTokenError);
    expect((error as InvalidTokenError).description).toBe('The access token is not active');
  });

  it.each([
    ['"active": "true" (a string)', { active: 'true' }],
    ['another audience', { aud: ['https://billing.example.test'] }],
    ['another issuer', { iss: 'https://evil.example.test' }],
    ['an exp in the past', { exp: 1_000 }],
    ['a refresh token type', { token_type: 'refresh_token' }],
    ['a non-string scope', { scope: ['orders:read'] }],
  ])('rejects an answer with %s', async (_label, overrides) => {
    server.introspectionAnswers.set(OPAQUE, activeAnswer(overrides));

    await expect(verifier.verify(OPAQUE)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('accepts an answer without aud and iss, which RFC 7662 makes optional', async () => {
    server.introspectionAnswers.set(OPAQUE, activeAnswer({ aud: undefined, iss: undefined }));

    await expect(verifier.verify(OPAQUE)).resolves.toMatchObject({ subject: 'user-42' });
  });

  it('caches an active answer for at most introspectionCacheMaxSeconds', async () => {
    server.introspectionAnswers.set(OPAQUE, activeAnswer({ exp: server.nowSeconds + 3600 }));

    await verifier.verify(OPAQUE);
    server.advance(59);
    await verifier.verify(OPAQUE);
    expect(server.count(INTROSPECTION_PATH)).toBe(1);

    server.advance(2);
    await verifier.verify(OPAQUE);
    expect(server.count(INTROSPECTION_PATH)).toBe(2);
  });

  it('caches an active answer no longer than the token lives', async () => {
    server.introspectionAnswers.set(OPAQUE, activeAnswer({ exp: server.nowSeconds + 10 }));

    await verifier.verify(OPAQUE);
    server.advance(9);
    await verifier.verify(OPAQUE);
    expect(server.count(INTROSPECTION_PATH)).toBe(1);

    server.advance(2);
    server.introspectionAnswers.set(OPAQUE, { active: false });
    await expect(verifier.verify(OPAQUE)).rejects.toBeInstanceOf(InvalidTokenError);
    expect(server.count(INTROSPECTION_PATH)).toBe(2);
  });

  it('does not cache when introspectionCacheMaxSeconds is 0', async () => {
    const uncached = server.verifier({ mode: 'introspection', introspection: RESOURCE_CLIENT, introspectionCacheMaxSeconds: 0 });
    server.introspectionAnswers.set(OPAQUE, activeAnswer());

    await uncached.verify(OPAQUE);
    await uncached.verify(OPAQUE);

    expect(server.count(INTROSPECTION_PATH)).toBe(2);
  });

  it('does not cache inactive answers', async () => {
    await verifier.verify(OPAQUE).catch(() => undefined);
    server.introspectionAnswers.set(OPAQUE, activeAnswer());

    await expect(verifier.verify(OPAQUE)).resolves.toMatchObject({ source: 'introspection' });
  });

  it('maps a 500 to VerifierUnavailableError and does not cache it', async () => {
    server.introspectionAnswers.set(OPAQUE, activeAnswer());
    server.failures.set(INTROSPECTION_PATH, 500);

    await expect(verifier.verify(OPAQUE)).rejects.toBeInstanceOf(VerifierUnavailableError);
    await expect(verifier.verify(OPAQUE)).rejects.toBeInstanceOf(VerifierUnavailableError);
    expect(server.count(INTROSPECTION_PATH)).toBe(2);

    server.failures.delete(INTROSPECTION_PATH);
    await expect(verifier.verify(OPAQUE)).resolves.toMatchObject({ source: 'introspection' });
  });

  it('maps network errors and rejected client credentials to VerifierUnavailableError', async () => {
    const offline = server.verifier({
      mode: 'introspection',
      introspection: RESOURCE_CLIENT,
      introspectionEndpoint: `${ISSUER}${INTROSPECTION_PATH}`,
      fetch: async () => {
        throw new Error('ECONNREFUSED');
      },
    });
    const wrongSecret = server.verifier({ mode: 'introspection', introspection: { ...RESOURCE_CLIENT, clientSecret: 'nope' } });
    server.introspectionAnswers.set(OPAQUE, activeAnswer());

    await expect(offline.verify(OPAQUE)).rejects.toBeInstanceOf(VerifierUnavailableError);
    await expect(wrongSecret.verify(OPAQUE)).rejects.toBeInstanceOf(VerifierUnavailableError);
  });

  it('shares one request between concurrent verifications of the same token', async () => {
    server.introspectionAnswers.set(OPAQUE, activeAnswer());

    await Promise.all(Array.from({ length: 5 }, () => verifier.verify(OPAQUE)));

    expect(server.count(INTROSPECTION_PATH)).toBe(1);
  });

  it('introspects JWTs too in introspection mode, without touching the JWKS', async () => {
    const introspectOnly = server.verifier({ mode: 'introspection', introspection: RESOURCE_CLIENT });
    const jwt = await server.issue();
    server.introspectionAnswers.set(jwt, activeAnswer());

    await expect(introspectOnly.verify(jwt)).resolves.toMatchObject({ source: 'introspection' });
    expect(server.count(JWKS_PATH)).toBe(0);
  });
});
