import { randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { bearerChallenge } from '../bearer';
import { InvalidDpopProofError, InvalidTokenError, type ResourceServerError } from '../errors';
import { resolveVerifierOptions } from '../options';
import type { VerifiedToken } from '../verified-token';
import { accessTokenHash } from './dpop-proof';
import { DpopVerifier } from './dpop-verifier';
import { extractAccessToken, verifyPresentation } from './presented-token';

const TOKEN = 'the-access-token';

/** A verifier stand-in: every token is valid and carries `cnf`. */
const tokenWith = (cnf?: { jkt: string }) => async (token: string): Promise<VerifiedToken> => ({
  claims: cnf ? { sub: 'person', cnf } : { sub: 'person' }, scopes: [], subject: 'person', clientId: 'app', acr: undefined, amr: [], authTime: undefined, token, source: 'jwt',
});

async function setUp() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  const jkt = await calculateJwkThumbprint(jwk, 'sha256');
  const proof = (claims: Record<string, unknown> = {}) =>
    new SignJWT({ htm: 'GET', htu: 'https://api.example.com/orders', jti: randomUUID(), ath: accessTokenHash(TOKEN), ...claims })
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk }).setIssuedAt().sign(privateKey);
  const sut = new DpopVerifier(resolveVerifierOptions({ issuer: 'https://id.example.com', audience: 'orders', dpop: { publicBaseUrl: 'https://api.example.com' } }));
  const request = (dpop?: string) => ({ headers: { authorization: `DPoP ${TOKEN}`, ...(dpop ? { dpop } : {}) }, method: 'GET', url: '/orders?page=2' });
  return { sut, jkt, proof, request };
}

const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as ResourceServerError);

describe(verifyPresentation.name, () => {
  it('RFC 9449 §7.1: accepts a DPoP token with a proof of the key its cnf.jkt names', async () => {
    const { sut, jkt, proof, request } = await setUp();
    const presented = extractAccessToken(request().headers);
    expect(presented).toEqual({ token: TOKEN, scheme: 'DPoP' });
    await expect(verifyPresentation(sut, request(await proof()), presented, tokenWith({ jkt }))).resolves.toMatchObject({ subject: 'person' });
  });

  it('refuses a replayed proof', async () => {
    const { sut, jkt, proof, request } = await setUp();
    const once = await proof();
    await verifyPresentation(sut, request(once), { token: TOKEN, scheme: 'DPoP' }, tokenWith({ jkt }));
    expect(await refusal(verifyPresentation(sut, request(once), { token: TOKEN, scheme: 'DPoP' }, tokenWith({ jkt })))).toBeInstanceOf(InvalidDpopProofError);
  });

  it('refuses a missing proof, a wrong ath, and a key other than the bound one, each with a DPoP challenge', async () => {
    const { sut, proof, request } = await setUp();
    const missing = await refusal(verifyPresentation(sut, request(), { token: TOKEN, scheme: 'DPoP' }, tokenWith({ jkt: 'x' })));
    expect(missing).toBeInstanceOf(InvalidDpopProofError);
    expect(bearerChallenge(missing!).headers['WWW-Authenticate']).toMatch(/^DPoP realm="api", error="invalid_dpop_proof", .*algs="ES256 /);
    expect(await refusal(verifyPresentation(sut, request(await proof({ ath: 'wrong' })), { token: TOKEN, scheme: 'DPoP' }, tokenWith({ jkt: 'x' })))).toBeInstanceOf(InvalidDpopProofError);
    const otherKey = await refusal(verifyPresentation(sut, request(await proof()), { token: TOKEN, scheme: 'DPoP' }, tokenWith({ jkt: 'another-key' })));
    expect(otherKey).toBeInstanceOf(InvalidTokenError);
    expect(otherKey!.challengeScheme).toBe('DPoP');
  });

  it('§7.2: refuses a bound token presented as Bearer, with a DPoP challenge; an unbound Bearer token passes', async () => {
    const { sut, jkt } = await setUp();
    const bearer = { headers: { authorization: `Bearer ${TOKEN}` } };
    const downgraded = await refusal(verifyPresentation(sut, bearer, extractAccessToken(bearer.headers), tokenWith({ jkt })));
    expect(downgraded).toBeInstanceOf(InvalidTokenError);
    expect(bearerChallenge(downgraded!).headers['WWW-Authenticate']).toMatch(/^DPoP realm="api", error="invalid_token"/);
    await expect(verifyPresentation(sut, bearer, extractAccessToken(bearer.headers), tokenWith())).resolves.toBeDefined();
  });
});
