import { errors, JWTPayload, jwtVerify, JWTVerifyGetKey, decodeProtectedHeader } from 'jose';
import { constantTimeEqual } from '@app/core';

/** How far apart our clock and the upstream's may be. */
export const CLOCK_SKEW_SECONDS = 60;

export interface IdTokenExpectations {
  issuer: string;
  clientId: string;
  nonce: string;
  /** The upstream's advertised signing algorithms (id_token_signing_alg_values_supported). */
  advertised: readonly string[] | undefined;
}

/** Why an ID token was refused, for the log; the person is only told the token was not accepted. */
export class IdTokenRejected extends Error {
  override readonly name = 'IdTokenRejected';
}

/**
 * The algorithms we accept from an upstream: those it advertises (RS256 by default, OIDC Discovery §3),
 * never `none` and never HS*: an HMAC "signed" with the upstream's public key proves nothing.
 */
export function acceptedAlgorithms(advertised: readonly string[] | undefined): string[] {
  const list = advertised && advertised.length > 0 ? advertised : ['RS256'];
  return list.filter((alg) => alg !== 'none' && !alg.startsWith('HS'));
}

/** OIDC Core §3.1.3.7: an upstream ID token, checked before any of its claims is believed. */
export async function validateIdToken(idToken: string, keys: JWTVerifyGetKey, expected: IdTokenExpectations): Promise<JWTPayload & { sub: string }> {
  const algorithms = acceptedAlgorithms(expected.advertised);
  let header: { alg?: string };
  try {
    header = decodeProtectedHeader(idToken);
  } catch {
    throw new IdTokenRejected('not a JWS');
  }
  // §3.1.3.7 (6, 7): only the algorithms agreed with the upstream; this also refuses alg none and HS*.
  if (!header.alg || !algorithms.includes(header.alg)) throw new IdTokenRejected(`algorithm ${String(header.alg).slice(0, 20)} not accepted`);
  let payload: JWTPayload;
  try {
    // §3.1.3.7 (2, 3, 9): iss exact, aud contains our client_id, exp in the future (with the skew).
    ({ payload } = await jwtVerify(idToken, keys, {
      issuer: expected.issuer,
      audience: expected.clientId,
      algorithms,
      clockTolerance: CLOCK_SKEW_SECONDS,
      requiredClaims: ['sub', 'iat', 'exp'],
    }));
  } catch (error) {
    const code = error instanceof errors.JOSEError ? error.code : 'ERR_UNKNOWN';
    throw new IdTokenRejected(`${code}: ${(error as Error).message}`);
  }
  if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 255) throw new IdTokenRejected('sub missing or too long');
  const now = Math.floor(Date.now() / 1000);
  // §3.1.3.7 (10): an ID token issued in the future is refused.
  if (typeof payload.iat !== 'number' || payload.iat > now + CLOCK_SKEW_SECONDS) throw new IdTokenRejected('iat in the future');
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  // §3.1.3.7 (4, 5): several audiences need an azp, and an azp must be us.
  if (audiences.length > 1 && payload.azp === undefined) throw new IdTokenRejected('several audiences and no azp');
  if (payload.azp !== undefined && payload.azp !== expected.clientId) throw new IdTokenRejected('azp is another client');
  // §3.1.3.7 (11): the nonce we sent, so a token from another attempt cannot be injected here.
  if (typeof payload.nonce !== 'string' || !constantTimeEqual(payload.nonce, expected.nonce)) throw new IdTokenRejected('nonce missing or not ours');
  return payload as JWTPayload & { sub: string };
}
