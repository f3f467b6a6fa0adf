import { randomUUID } from 'node:crypto';
import { FakeAuthorizationServer, JWKS_PATH, OIDC_DISCOVERY_PATH } from '../test/fake-authorization-server';
import { InvalidTokenError, VerifierUnavailableError } from './errors';
import { JwksCache } from './jwks-cache';
import type { TokenVerifier } from './verifier';

describe(JwksCache.name, () => {
  let server: FakeAuthorizationServer;
  let verifier: TokenVerifier;

  beforeEach(async () => {
    server = await FakeAuthorizationServer.create();
    verifier = server.verifier({ mode: 'jwt', jwksCooldownSeconds: 30 });
  });

  it('fetches discovery and the JWKS once for many tokens', async () => {
    const tokens = await Promise.all(Array.from({ length: 10 }, () => server.issue()));

    await Promise.all(tokens.map((token) => verifier.verify(token)));
    await verifier.verify(tokens[0]!);

    expect(server.count(OIDC_DISCOVERY_PATH)).toBe(1);
    expect(server.count(JWKS_PATH)).toBe(1);
  });

  it('refetches at most once per cool-down for 50 tokens with unknown kids', async () => {
    await verifier.verify(await server.issue());
    server.advance(31);
    const stranger = await server.createKey('unused');
    const tokens = await Promise.all(
      Array.from({ length: 50 }, () => server.issue({ key: stranger, header: { kid: randomUUID() } })),
    );

    const concurrent = await Promise.allSettled(tokens.slice(0, 25).map((token) => verifier.verify(token)));
    const sequential: unknown[] = [];
    for (const token of tokens.slice(25)) {
      sequential.push(await verifier.verify(token).catch((error: unknown) => error));
    }

    expect(concurrent.every((result) => result.status === 'rejected' && result.reason instanceof InvalidTokenError)).toBe(true);
    expect(sequential.every((error) => error instanceof InvalidTokenError)).toBe(true);
    expect(server.count(JWKS_PATH)).toBe(2);
  });

  it('does not refetch for an unknown kid inside the cool-down that follows the first load', async () => {
    await verifier.verify(await server.issue());
    const rotated = await server.createKey('key-2');
    server.publish(rotated);

    const error = await verifier.verify(await server.issue({ key: rotated })).catch((reason: unknown) => reason);

    expect(error).toBeInstanceOf(InvalidTokenError);
    expect((error as InvalidTokenError).description).toBe('The access token is signed with an unknown key');
    expect(server.count(JWKS_PATH)).toBe(1);
  });

  it('picks up a rotated key after the cool-down', async () => {
    await verifier.verify(await server.issue());
    const rotated = await server.createKey('key-2');
    server.publish(rotated);
    server.advance(31);

    await expect(verifier.verify(await server.issue({ key: rotated }))).resolves.toMatchObject({ source: 'jwt' });
    await expect(verifier.verify(await server.issue())).resolves.toMatchObject({ source: 'jwt' });
    expect(server.count(JWKS_PATH)).toBe(2);
  });

  it('allows the next refetch only once the cool-down has passed again', async () => {
    await verifier.verify(await server.issue());
    server.advance(31);
    const unknownKidToken = await server.issue({ header: { kid: 'nope' } });
    await verifier.verify(unknownKidToken).catch(() => undefined);
    server.advance(29);
    await verifier.verify(unknownKidToken).catch(() => undefined);
    expect(server.count(JWKS_PATH)).toBe(2);

    server.advance(2);
    await verifier.verify(unknownKidToken).catch(() => undefined);
    expect(server.count(JWKS_PATH)).toBe(3);
  });

  it('stops trusting a key removed from the JWKS once the key set is older than its max age', async () => {
    const shortLived = server.verifier({ mode: 'jwt', jwksMaxAgeSeconds: 60 });
    const oldKey = server.signingKey;
    await shortLived.verify(await server.issue());
    server.published = [await server.createKey('key-2')];
    server.advance(61);

    await expect(shortLived.verify(await server.issue({ key: oldKey }))).rejects.toBeInstanceOf(InvalidTokenError);
    expect(server.count(JWKS_PATH)).toBe(2);
  });

  it('keeps using the cached keys when a max-age refresh fails, retrying once per cool-down', async () => {
    const shortLived = server.verifier({ mode: 'jwt', jwksMaxAgeSeconds: 60 });
    await shortLived.verify(await server.issue());
    server.failures.set(JWKS_PATH, 503);
    server.advance(61);

    for (let request = 0; request < 20; request += 1) {
      await expect(shortLived.verify(await server.issue())).resolves.toMatchObject({ source: 'jwt' });
    }
    expect(server.count(JWKS_PATH)).toBe(2);

    server.advance(31);
    await shortLived.verify(await server.issue());
    expect(server.count(JWKS_PATH)).toBe(3);
  });

  it('shares one fetch among concurrent first requests and backs off after a failure', async () => {
    server.failures.set(JWKS_PATH, 500);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => server.issue()));

    const results = await Promise.allSettled(tokens.map((token) => verifier.verify(token)));
    for (const token of tokens) await verifier.verify(token).catch(() => undefined);

    expect(results.every((result) => result.status === 'rejected' && result.reason instanceof VerifierUnavailableError)).toBe(
      true,
    );
    expect(server.count(JWKS_PATH)).toBe(1);
  });

  it('reports a failed refetch for an unknown kid as unavailability, not as an invalid token', async () => {
    await verifier.verify(await server.issue());
    const rotated = await server.createKey('key-2');
    server.advance(31);
    server.failures.set(JWKS_PATH, 500);

    await expect(verifier.verify(await server.issue({ key: rotated }))).rejects.toBeInstanceOf(VerifierUnavailableError);
  });
});
