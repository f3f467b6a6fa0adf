import { randomUUID } from 'node:crypto';
import { base64url, calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { accessTokenHash } from '@meridian-auth/resource-server';

/** What a test may change in a proof, to make it wrong in one way. */
export interface ProofOptions {
  accessToken?: string;
  nonce?: string;
  iat?: number;
  jti?: string;
  typ?: string;
  /** Put the private key in the header, as a careless client would. */
  privateJwk?: boolean;
}

/** A client's DPoP key pair (RFC 9449 §4), making proofs for requests. */
export class DpopKey {
  private constructor(
    private readonly privateKey: CryptoKey,
    readonly publicJwk: JWK,
    private readonly privateJwk: JWK,
    /** RFC 7638 SHA-256 thumbprint: what bound tokens carry in cnf.jkt. */
    readonly jkt: string,
  ) {}

  static async generate(): Promise<DpopKey> {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const publicJwk = await exportJWK(publicKey);
    return new DpopKey(privateKey, publicJwk, await exportJWK(privateKey), await calculateJwkThumbprint(publicJwk, 'sha256'));
  }

  /** A proof for `method url`, signed with this key. */
  async proof(method: string, url: string, options: ProofOptions = {}): Promise<string> {
    const claims: Record<string, unknown> = { htm: method, htu: url, jti: options.jti ?? randomUUID() };
    if (options.accessToken) claims.ath = accessTokenHash(options.accessToken);
    if (options.nonce) claims.nonce = options.nonce;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', typ: options.typ ?? 'dpop+jwt', jwk: options.privateJwk ? this.privateJwk : this.publicJwk })
      .setIssuedAt(options.iat ?? Math.floor(Date.now() / 1000))
      .sign(this.privateKey);
  }
}

/** An unsigned proof (alg none), which must never pass. */
export function unsignedProof(method: string, url: string, jwk: JWK): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'dpop+jwt', jwk })}.${part({ htm: method, htu: url, jti: randomUUID(), iat: Math.floor(Date.now() / 1000) })}.`;
}

/** A proof signed with a shared secret (HS256), its "key" an oct JWK: possession of nothing. */
export async function symmetricProof(method: string, url: string): Promise<string> {
  const secret = new Uint8Array(32).fill(7);
  // jose's types rightly refuse a secret in the header; the point here is that the server refuses it too.
  const jwk = { kty: 'oct', k: base64url.encode(secret) } as unknown as JWK;
  return new SignJWT({ htm: method, htu: url, jti: randomUUID() })
    .setProtectedHeader({ alg: 'HS256', typ: 'dpop+jwt', jwk })
    .setIssuedAt()
    .sign(secret);
}
