import { generateKeyPairSync } from 'node:crypto';
import { compactVerify, decodeProtectedHeader } from 'jose';
import type { SigningAlgorithm } from '@app/core';
import { JwsSigner } from './jws-signer';
import type { ActiveKey, KeyStore } from './key-store.service';

function keyFor(alg: SigningAlgorithm): ActiveKey {
  const pair =
    alg === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
    : alg === 'EdDSA' ? generateKeyPairSync('ed25519')
    : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: `kid-${alg}`, alg, privateKey: pair.privateKey, publicKey: pair.publicKey, publicJwk: pair.publicKey.export({ format: 'jwk' }) };
}

describe(JwsSigner.name, () => {
  it.each<SigningAlgorithm>(['ES256', 'RS256', 'PS256', 'EdDSA'])('produces a JWS that jose verifies with %s', async (alg) => {
    const key = keyFor(alg);
    const sut = new JwsSigner({ activeKey: () => key } as unknown as KeyStore);
    const token = await sut.sign({ sub: 'a', n: 1, text: 'ünïcode' }, 'at+jwt');
    expect(decodeProtectedHeader(token)).toEqual({ alg, kid: key.kid, typ: 'at+jwt' });
    const { payload } = await compactVerify(token, key.publicKey, { algorithms: [alg] });
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual({ sub: 'a', n: 1, text: 'ünïcode' });
  });

  it('signs with the key it is given, not a later active one', async () => {
    const given = keyFor('ES256');
    const sut = new JwsSigner({ activeKey: () => keyFor('RS256') } as unknown as KeyStore);
    const token = await sut.sign({ a: 1 }, 'JWT', given);
    await expect(compactVerify(token, given.publicKey, { algorithms: ['ES256'] })).resolves.toBeDefined();
  });
});
