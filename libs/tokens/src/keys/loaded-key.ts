import type { KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import type { SigningAlgorithm } from '@app/core';

/** A signing key as the KeyStore holds it: enough to verify and to publish in the JWKS. */
export interface LoadedKey {
  kid: string;
  alg: SigningAlgorithm;
  publicKey: KeyObject;
  publicJwk: JWK;
}

/** A key this server signs with. */
export interface ActiveKey extends LoadedKey {
  privateKey: KeyObject;
}
