import { base64url, type CryptoKey, exportSPKI, importJWK, SignJWT } from 'jose';
import { AUDIENCE, FakeAuthorizationServer, ISSUER, JWKS_PATH } from '../test/fake-authorization-server';
import { InvalidTokenError, VerifierUnavailableError } from './errors';
import { TokenVerifier } from './verifier';

function unsecuredJwt(payload: Record<string, unknown>, header: Record<string, unknown> = { alg: 'none', typ: 'at+jwt' }) {
  const encode = (value: unknown) => base64url.encode(JSON.stringify(value));
  return `${encode(header)}.${encode(payload)}.`;
}

async function rejection(promise: Promise<unknown>): Promise<InvalidTokenError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(InvalidTokenError);
  return error as InvalidTokenError;
}

describe(TokenVerifier.name, () => {
  let server: FakeAuthorizationServer;
  let verifier: TokenVerifier;

  beforeEach(async () => {
    server = await FakeAuthorizationServer.create();
    verifier = server.verifier({ mode: 'jwt' });
  });

  describe('local JWT verification', () => {
    it('accepts a valid token and exposes claims, scopes, subject and client', async () => {
      const token = await server.issue();

      const verified = await verifier.verify(token);

      expect(verified).toMatchObject({
        subject: 'user-42',
        clientId: 'web-shop',
        scopes: ['orders:read', 'profile'],
        token,
        source: 'jwt',
      });
      expect(verified.claims.iss).toBe(ISSUER);
    });

    it('accepts an audience array containing one of the configured audiences', async () => {
      const multi = server.verifier({ mode: 'jwt', audience: ['https://other.example.test', AUDIENCE] });
      const token = await server.issue({ claims: { aud: ['https://billing.example.test', AUDIENCE] } });

      await expect(multi.verify(token)).resolves.toMatchObject({ subject: 'user-42' });
    });

    it('accepts typ application/at+jwt', async () => {
      const token = await server.issue({ header: { typ: 'application/at+jwt' } });

      await expect(verifier.verify(token)).resolves.toMatchObject({ source: 'jwt' });
    });

    it('rejects a token for another audience', async () => {
      const token = await server.issue({ claims: { aud: 'https://billing.example.test' } });

      const error = await rejection(verifier.verify(token));

      expect(error.description).toBe('The access token is not intended for this resource');
    });

    it('rejects a token from another issuer, including a trailing-slash variant', async () => {
      for (const iss of ['https://evil.example.test', `${ISSUER}/`]) {
        const token = await server.issue({ claims: { iss } });
        const error = await rejection(verifier.verify(token));
        expect(error.description).toBe('The access token was issued by an unexpected issuer');
      }
    });

    it('rejects a token expired beyond the clock tolerance', async () => {
      const token = await server.issue({ claims: { exp: server.nowSeconds - 31 } });

      const error = await rejection(verifier.verify(token));

      expect(error.description).toBe('The access token expired');
    });

    it('accepts a token expired within the clock tolerance', async () => {
      const token = await server.issue({ claims: { exp: server.nowSeconds - 29 } });

      await expect(verifier.verify(token)).resolves.toMatchObject({ subject: 'user-42' });
    });

    it('honours a custom clock tolerance', async () => {
      const strict = server.verifier({ mode: 'jwt', clockToleranceSeconds: 0 });
      const token = await server.issue({ claims: { exp: server.nowSeconds - 1 } });

      await rejection(strict.verify(token));
    });

    it('rejects a token whose nbf is beyond the tolerance, accepts one within it', async () => {
      const future = await server.issue({ claims: { nbf: server.nowSeconds + 60 } });
      const nearlyNow = await server.issue({ claims: { nbf: server.nowSeconds + 20 } });

      const error = await rejection(verifier.verify(future));

      expect(error.description).toBe('The access token is not yet valid');
      await expect(verifier.verify(nearlyNow)).resolves.toMatchObject({ subject: 'user-42' });
    });

    it.each([['JWT'], ['jwt'], ['application/jwt'], ['id_token+jwt']])('rejects typ %s', async (typ) => {
      const token = await server.issue({ header: { typ } });

      const error = await rejection(verifier.verify(token));

      expect(error.description).toBe('The token is not a JWT access token');
    });

    it('rejects a token without typ', async () => {
      const token = await server.issue({ header: { typ: undefined } });

      await rejection(verifier.verify(token));
    });

    it('rejects an unsecured alg:none token without fetching keys', async () => {
      const token = unsecuredJwt(server.defaultClaims());

      const error = await rejection(verifier.verify(token));

      expect(error.description).toBe('The access token is signed with an algorithm that is not accepted');
      expect(server.count(JWKS_PATH)).toBe(0);
    });

    it('rejects an HS256 token that uses the public key as the HMAC secret', async () => {
      const publicKey = await importJWK(server.signingKey.publicJwk, 'ES256');
      const publicKeyPem = await exportSPKI(publicKey as CryptoKey);
      const publicJwkJson = JSON.stringify(server.signingKey.publicJwk);
      for (const secret of [publicKeyPem, publicJwkJson].map((text) => new TextEncoder().encode(text))) {
        const token = await new SignJWT(server.defaultClaims())
          .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: server.signingKey.kid })
          .sign(secret);

        const error = await rejection(verifier.verify(token));

        expect(error.description).toBe('The access token is signed with an algorithm that is not accepted');
      }
    });

    it('rejects a token signed by another key that reuses a published kid', async () => {
      const impostor = await server.createKey(server.signingKey.kid);
      const token = await server.issue({ key: impostor });

      const error = await rejection(verifier.verify(token));

      expect(error.description).toBe('The access token signature is invalid');
    });

    it('rejects a token whose payload was altered after signing', async () => {
      const [header, , signature] = (await server.issue()).split('.');
      const forgedPayload = base64url.encode(JSON.stringify({ ...server.defaultClaims(), scope: 'admin' }));

      await rejection(verifier.verify(`${header}.${forgedPayload}.${signature}`));
    });

    it.each(['sub', 'client_id', 'jti', 'iat', 'exp', 'aud', 'iss'])('rejects a token without %s', async (claim) => {
      const token = await server.issue({ omit: [claim] });

      const error = await rejection(verifier.verify(token));

      expect(error.description).not.toMatch(/["\\]/);
    });

    it('rejects a non-string scope claim', async () => {
      const token = await server.issue({ claims: { scope: ['orders:read'] } });

      await rejection(verifier.verify(token));
    });

    it('rejects an algorithm outside the configured allow-list', async () => {
      const rsOnly = server.verifier({ mode: 'jwt', algorithms: ['RS256'] });
      const token = await server.issue();

      await rejection(rsOnly.verify(token));
    });

    it('verifies EdDSA, RS256 and PS256 tokens with the default allow-list', async () => {
      for (const [kid, alg] of [['ed', 'EdDSA'], ['rs', 'RS256'], ['ps', 'PS256']] as const) {
        const key = await server.createKey(kid, alg);
        server.publish(key);
        const fresh = server.verifier({ mode: 'jwt' });
        await expect(fresh.verify(await server.issue({ key }))).resolves.toMatchObject({ source: 'jwt' });
      }
    });

    it('rejects garbage and oversized tokens', async () => {
      await rejection(verifier.verify('not-a-token'));
      await rejection(verifier.verify('a.b'));
      await rejection(verifier.verify(''));
      await rejection(verifier.verify(`${await server.issue()}${'A'.repeat(20_000)}`));
    });

    it('throws VerifierUnavailableError when the JWKS cannot be fetched, and retries after a back-off', async () => {
      server.failures.set(JWKS_PATH, 500);

      await expect(verifier.verify(await server.issue())).rejects.toBeInstanceOf(VerifierUnavailableError);
      server.failures.delete(JWKS_PATH);
      await expect(verifier.verify(await server.issue())).rejects.toBeInstanceOf(VerifierUnavailableError);
      expect(server.count(JWKS_PATH)).toBe(1);

      server.advance(5);
      await expect(verifier.verify(await server.issue())).resolves.toMatchObject({ source: 'jwt' });
      expect(server.count(JWKS_PATH)).toBe(2);
    });

    it('uses a configured jwksUri without discovery', async () => {
      const direct = server.verifier({ mode: 'jwt', jwksUri: `${ISSUER}${JWKS_PATH}` });

      await direct.verify(await server.issue());

      expect(server.calls.map((call) => call.path)).toEqual([JWKS_PATH]);
    });

    it('does not fall back to introspection for a JWS-shaped token that fails local checks (auto mode)', async () => {
      const auto = server.verifier({ mode: 'auto', introspection: { clientId: 'x', clientSecret: 'y' } });

      await rejection(auto.verify(await server.issue({ claims: { aud: 'elsewhere' } })));

      expect(server.calls.some((call) => call.path.includes('introspect'))).toBe(false);
    });

    it('rejects opaque tokens in jwt mode without network calls', async () => {
      await rejection(verifier.verify('opaque-token-value'));

      expect(server.calls).toHaveLength(0);
    });
  });

  describe('construction', () => {
    const base = { issuer: ISSUER, audience: AUDIENCE, fetch: async () => ({ status: 500, json: async () => ({}) }) };

    it.each([['none'], ['HS256'], ['HS512'], ['hs256'], ['RSA-OAEP']])('refuses algorithm %s', (alg) => {
      expect(() => new TokenVerifier({ ...base, algorithms: [alg as 'ES256'] })).toThrow(TypeError);
    });

    it('refuses an empty algorithm list, missing issuer or audience', () => {
      expect(() => new TokenVerifier({ ...base, algorithms: [] })).toThrow(TypeError);
      expect(() => new TokenVerifier({ ...base, issuer: '' })).toThrow(TypeError);
      expect(() => new TokenVerifier({ ...base, audience: [] })).toThrow(TypeError);
    });

    it('refuses plain http issuers except loopback or when explicitly allowed', () => {
      expect(() => new TokenVerifier({ ...base, issuer: 'http://auth.example.test' })).toThrow(TypeError);
      expect(() => new TokenVerifier({ ...base, issuer: 'http://localhost:3000' })).not.toThrow();
      expect(() => new TokenVerifier({ ...base, issuer: 'http://auth:3000', allowInsecureHttp: true })).not.toThrow();
    });

    it('requires credentials for introspection mode', () => {
      expect(() => new TokenVerifier({ ...base, mode: 'introspection' })).toThrow(TypeError);
    });

    it('refuses negative durations', () => {
      expect(() => new TokenVerifier({ ...base, clockToleranceSeconds: -1 })).toThrow(TypeError);
      expect(() => new TokenVerifier({ ...base, jwksCooldownSeconds: Number.NaN })).toThrow(TypeError);
    });

    it('caps the clock tolerance at 300 seconds', async () => {
      const lenient = server.verifier({ mode: 'jwt', clockToleranceSeconds: 10_000 });

      await expect(lenient.verify(await server.issue({ claims: { exp: server.nowSeconds - 299 } }))).resolves.toBeDefined();
      await rejection(lenient.verify(await server.issue({ claims: { exp: server.nowSeconds - 301 } })));
    });
  });
});
