import { Injectable } from '@nestjs/common';
import { constants, sign, SignKeyObjectInput } from 'node:crypto';
import type { SigningAlgorithm } from '@app/core';
import { ActiveKey, KeyStore } from './key-store.service';

/**
 * Compact JWS (RFC 7515 §7.1) signed with node:crypto and the active key. Issuing tokens is the hot path of
 * the token endpoint: ES256 and EdDSA sign in tens of microseconds, cheaper inline than through WebCrypto;
 * an RSA signature takes about a millisecond, so RS256 and PS256 sign on the thread pool and leave the
 * event loop free. Verification stays with jose.
 */
@Injectable()
export class JwsSigner {
  constructor(private readonly keys: KeyStore) {}

  /** Signs `payload` with the active key; `typ` goes in the protected header with `alg` and `kid`. */
  async sign(payload: Record<string, unknown>, typ: string, key: ActiveKey = this.keys.activeKey()): Promise<string> {
    const header = base64url(JSON.stringify({ alg: key.alg, kid: key.kid, typ }));
    const signingInput = `${header}.${base64url(JSON.stringify(payload))}`;
    const signed = await signature(key, Buffer.from(signingInput, 'ascii'));
    return `${signingInput}.${signed.toString('base64url')}`;
  }

  get algorithm(): SigningAlgorithm {
    return this.keys.activeKey().alg;
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

// RFC 7518 §3.1 and RFC 8037 §3.1: the signature algorithm each JWS `alg` names.
function signature(key: ActiveKey, input: Buffer): Promise<Buffer> | Buffer {
  switch (key.alg) {
    case 'ES256':
      // RFC 7518 §3.4: R || S, not DER.
      return sign('sha256', input, { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
    case 'RS256':
      return onThreadPool(input, { key: key.privateKey, padding: constants.RSA_PKCS1_PADDING });
    case 'PS256':
      // RFC 7518 §3.5: MGF1 with SHA-256 and a salt as long as the hash.
      return onThreadPool(input, { key: key.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
    case 'EdDSA':
      return sign(null, input, key.privateKey);
  }
}

function onThreadPool(input: Buffer, key: SignKeyObjectInput): Promise<Buffer> {
  return new Promise((resolve, reject) => sign('sha256', input, key, (error, signed) => (error ? reject(error) : resolve(signed))));
}
