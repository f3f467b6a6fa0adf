import { createLocalJWKSet, exportJWK, generateKeyPair, JWTPayload, SignJWT } from 'jose';
import { acceptedAlgorithms, IdTokenRejected, validateIdToken } from './id-token.validator';

const ISSUER = 'https://upstream.example';
const CLIENT = 'our-client';

describe(validateIdToken.name, () => {
  let sign: (claims: JWTPayload, alg?: string) => Promise<string>;
  let keys: ReturnType<typeof createLocalJWKSet>;

  beforeAll(async () => {
    const rsa = await generateKeyPair('RS256');
    const ec = await generateKeyPair('ES256');
    keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(rsa.publicKey)), kid: 'r', alg: 'RS256' }, { ...(await exportJWK(ec.publicKey)), kid: 'e', alg: 'ES256' }] });
    sign = (claims, alg = 'RS256') => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iss: ISSUER, aud: CLIENT, sub: 's1', iat: now, exp: now + 60, nonce: 'n1', ...claims })
        .setProtectedHeader({ alg, kid: alg === 'RS256' ? 'r' : 'e' })
        .sign(alg === 'RS256' ? rsa.privateKey : ec.privateKey);
    };
  });

  const expected = { issuer: ISSUER, clientId: CLIENT, nonce: 'n1', advertised: undefined };

  it('accepts a token signed as advertised, with one audience or several and azp', async () => {
    await expect(validateIdToken(await sign({}), keys, expected)).resolves.toMatchObject({ sub: 's1' });
    await expect(validateIdToken(await sign({ aud: [CLIENT, 'api'], azp: CLIENT }), keys, expected)).resolves.toMatchObject({ sub: 's1' });
  });

  it('accepts only the advertised algorithms (RS256 when none is advertised)', async () => {
    const es = await sign({}, 'ES256');
    await expect(validateIdToken(es, keys, expected)).rejects.toBeInstanceOf(IdTokenRejected);
    await expect(validateIdToken(es, keys, { ...expected, advertised: ['ES256'] })).resolves.toMatchObject({ sub: 's1' });
  });

  it('tolerates a clock a few seconds ahead, not an hour', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expect(validateIdToken(await sign({ iat: now + 30 }), keys, expected)).resolves.toBeTruthy();
    await expect(validateIdToken(await sign({ iat: now + 3600, exp: now + 7200 }), keys, expected)).rejects.toBeInstanceOf(IdTokenRejected);
  });

  it('refuses what is not a JWS at all', async () => {
    await expect(validateIdToken('not-a-token', keys, expected)).rejects.toBeInstanceOf(IdTokenRejected);
  });
});

describe(acceptedAlgorithms.name, () => {
  it('drops none and HMAC algorithms whatever the upstream advertises', () => {
    expect(acceptedAlgorithms(['none', 'HS256', 'HS512', 'RS256', 'ES256'])).toEqual(['RS256', 'ES256']);
    expect(acceptedAlgorithms(undefined)).toEqual(['RS256']);
    expect(acceptedAlgorithms(['none'])).toEqual([]);
  });
});
