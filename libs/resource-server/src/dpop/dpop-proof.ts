import { createHash } from 'node:crypto';
import { base64url, calculateJwkThumbprint, decodeProtectedHeader, EmbeddedJWK, type JWK, jwtVerify, type ProtectedHeaderParameters } from 'jose';

/** RFC 9449 §4.2: asymmetric algorithms only; `none` and the HMAC family can never prove possession of a key. */
export const DPOP_ALGORITHMS = ['ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512', 'RS256', 'RS384', 'RS512', 'EdDSA'] as const;

/** Members that only a private (or symmetric) JWK has: a proof carrying them is refused (RFC 9449 §4.3 item 7). */
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

const MAX_PROOF_LENGTH = 8192;

/** What the request the proof came with must match. */
export interface DpopProofExpectation {
  /** The HTTP method of the request (`htm`). */
  method: string;
  /** The public URL of the request, query and fragment ignored (`htu`). */
  url: string;
  /** The access token presented with the proof, whose hash the proof must carry (`ath`, RFC 9449 §4.3 item 12). */
  accessToken?: string;
  /** Seconds since the epoch, and how far `iat` may be from it either way. */
  now: number;
  windowSeconds: number;
  /** When the server issues nonces (RFC 9449 §8): whether a proof's nonce is current. */
  acceptsNonce?: (nonce: string) => boolean;
}

export interface CheckedDpopProof {
  /** RFC 7638 SHA-256 thumbprint of the proof's key: what a bound token's `cnf.jkt` holds. */
  jkt: string;
  jti: string;
  iat: number;
}

/** A proof that fails a check of RFC 9449 §4.3; `nonce` when what is missing is a current server nonce (§8). */
export class DpopProofError extends Error {
  constructor(
    message: string,
    readonly nonce = false,
  ) {
    super(message);
    this.name = 'DpopProofError';
  }
}

/** RFC 9449 §4.3 item 1: exactly one DPoP header. Undefined when there is none. */
export function readDpopHeader(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    if (value.length !== 1) throw new DpopProofError('more than one DPoP header');
    return value[0];
  }
  if (value.includes(',')) throw new DpopProofError('more than one DPoP proof');
  return value;
}

/** RFC 9449 §4.3 item 12 / §7.1: `ath` is BASE64URL(SHA-256(access token)). */
export function accessTokenHash(accessToken: string): string {
  return base64url.encode(createHash('sha256').update(accessToken).digest());
}

/**
 * RFC 9449 §4.3 / RFC 3986 §6.2: scheme and host compared case-insensitively, default ports dropped, dot
 * segments removed (all done by WHATWG URL parsing); query and fragment ignored. Undefined when not a URL.
 */
export function normalizeHtu(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return undefined;
  }
}

/** Every check of RFC 9449 §4.3 but the jti replay check, which needs the caller's store. */
export async function checkDpopProof(proof: string, expected: DpopProofExpectation): Promise<CheckedDpopProof> {
  if (proof.length > MAX_PROOF_LENGTH || proof.split('.').length !== 3) throw new DpopProofError('the DPoP proof is not a JWT');
  const header = headerOf(proof);
  // §4.3 items 4-7: typ, an asymmetric alg we support, a public JWK.
  if (header.typ !== 'dpop+jwt') throw new DpopProofError('the DPoP proof typ is not dpop+jwt');
  if (!(DPOP_ALGORITHMS as readonly string[]).includes(header.alg ?? '')) throw new DpopProofError('the DPoP proof alg is not supported');
  const jwk = header.jwk as (JWK & Record<string, unknown>) | undefined;
  if (!jwk || typeof jwk !== 'object') throw new DpopProofError('the DPoP proof carries no jwk');
  if (PRIVATE_JWK_MEMBERS.some((member) => member in jwk)) throw new DpopProofError('the DPoP proof jwk is not a public key');
  const payload = await verifiedPayload(proof);
  const { jti, htm, htu, iat, ath, nonce } = payload;
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > 256) throw new DpopProofError('the DPoP proof jti is missing');
  if (htm !== expected.method) throw new DpopProofError('the DPoP proof htm does not match the request method');
  const requestUrl = normalizeHtu(expected.url);
  if (typeof htu !== 'string' || !requestUrl || normalizeHtu(htu) !== requestUrl) throw new DpopProofError('the DPoP proof htu does not match the request URL');
  if (typeof iat !== 'number' || Math.abs(expected.now - iat) > expected.windowSeconds) throw new DpopProofError('the DPoP proof iat is outside the accepted window');
  if (expected.accessToken !== undefined && ath !== accessTokenHash(expected.accessToken)) throw new DpopProofError('the DPoP proof ath does not match the access token');
  // §8: a missing or stale nonce is told apart, so the client can retry with the one we send.
  if (expected.acceptsNonce && (typeof nonce !== 'string' || !expected.acceptsNonce(nonce))) throw new DpopProofError('a current DPoP nonce is required', true);
  return { jkt: await calculateJwkThumbprint(jwk, 'sha256'), jti, iat };
}

function headerOf(proof: string): ProtectedHeaderParameters {
  try {
    return decodeProtectedHeader(proof);
  } catch {
    throw new DpopProofError('the DPoP proof header is malformed');
  }
}

/** §4.3 item 8: the signature is valid with the key the header carries. */
async function verifiedPayload(proof: string): Promise<Record<string, unknown>> {
  try {
    const { payload } = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: [...DPOP_ALGORITHMS] });
    return payload;
  } catch {
    throw new DpopProofError('the DPoP proof signature is invalid');
  }
}
