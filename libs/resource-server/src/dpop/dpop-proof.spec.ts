import { randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { accessTokenHash, checkDpopProof, DpopProofError, normalizeHtu, readDpopHeader } from './dpop-proof';

const NOW = 1_800_000_000;
const URL_ = 'https://api.example.com/orders';

async function aKey() {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateKey, publicJwk: await exportJWK(publicKey), privateJwk: await exportJWK(privateKey) };
}

async function aProof(key: Awaited<ReturnType<typeof aKey>>, claims: Record<string, unknown> = {}, header: { typ?: string; jwk?: JWK } = {}) {
  return new SignJWT({ htm: 'GET', htu: URL_, jti: randomUUID(), iat: NOW, ...claims })
    .setProtectedHeader({ alg: 'ES256', typ: header.typ ?? 'dpop+jwt', jwk: header.jwk ?? key.publicJwk })
    .sign(key.privateKey);
}

const expected = { method: 'GET', url: URL_, now: NOW, windowSeconds: 60 };

describe(checkDpopProof.name, () => {
  it('returns the SHA-256 thumbprint of the proof key for a valid proof', async () => {
    const key = await aKey();
    const checked = await checkDpopProof(await aProof(key), expected);
    expect(checked.jkt).toBe(await calculateJwkThumbprint(key.publicJwk, 'sha256'));
  });

  it.each([
    ['typ jwt', { }, { typ: 'jwt' }, /typ/],
    ['another method', { htm: 'POST' }, {}, /htm/],
    ['another URL', { htu: 'https://api.example.com/invoices' }, {}, /htu/],
    ['an iat two minutes old', { iat: NOW - 120 }, {}, /iat/],
    ['no jti', { jti: undefined }, {}, /jti/],
  ])('RFC 9449 §4.3: refuses %s', async (_case, claims, header, message) => {
    const key = await aKey();
    await expect(checkDpopProof(await aProof(key, claims, header), expected)).rejects.toThrow(message);
  });

  it('§4.3 item 7: refuses a private JWK in the header', async () => {
    const key = await aKey();
    await expect(checkDpopProof(await aProof(key, {}, { jwk: key.privateJwk }), expected)).rejects.toThrow(/public key/);
  });

  it('§4.3 item 8: refuses a proof whose signature is of another key', async () => {
    const [key, other] = [await aKey(), await aKey()];
    await expect(checkDpopProof(await aProof(key, {}, { jwk: other.publicJwk }), expected)).rejects.toThrow(/signature/);
  });

  it('§4.3 item 12: requires ath = BASE64URL(SHA-256(token)) when a token is presented', async () => {
    const key = await aKey();
    const token = 'access-token';
    await expect(checkDpopProof(await aProof(key), { ...expected, accessToken: token })).rejects.toThrow(/ath/);
    await expect(checkDpopProof(await aProof(key, { ath: accessTokenHash(token) }), { ...expected, accessToken: token })).resolves.toBeDefined();
  });

  it('§8: a missing nonce is a nonce error, told apart from other refusals', async () => {
    const key = await aKey();
    const error = await checkDpopProof(await aProof(key), { ...expected, acceptsNonce: () => false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DpopProofError);
    expect((error as DpopProofError).nonce).toBe(true);
  });

  it('refuses alg none', async () => {
    const key = await aKey();
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const unsigned = `${part({ alg: 'none', typ: 'dpop+jwt', jwk: key.publicJwk })}.${part({ htm: 'GET', htu: URL_, jti: 'j', iat: NOW })}.`;
    await expect(checkDpopProof(unsigned, expected)).rejects.toThrow(/alg/);
  });
});

describe(normalizeHtu.name, () => {
  it('RFC 3986 §6.2: compares scheme and host without case, drops default ports, query and fragment', () => {
    expect(normalizeHtu('HTTPS://API.Example.com:443/orders?x=1#f')).toBe('https://api.example.com/orders');
    expect(normalizeHtu('https://api.example.com/a/../orders')).toBe('https://api.example.com/orders');
    expect(normalizeHtu('ftp://api.example.com/orders')).toBeUndefined();
    expect(normalizeHtu('not a url')).toBeUndefined();
  });
});

describe(readDpopHeader.name, () => {
  it('§4.3 item 1: accepts one header, refuses several', () => {
    expect(readDpopHeader(undefined)).toBeUndefined();
    expect(readDpopHeader('a.b.c')).toBe('a.b.c');
    expect(() => readDpopHeader(['a.b.c', 'd.e.f'])).toThrow(DpopProofError);
    expect(() => readDpopHeader('a.b.c, d.e.f')).toThrow(DpopProofError);
  });
});
