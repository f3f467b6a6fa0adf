import { PrivateKeyCipher } from './private-key-cipher';

/** A signing key as a backup holds it: the columns a restore needs to tell whether it can be opened. */
export interface StoredSigningKey {
  kid: string;
  status: string;
  private_jwk: string;
}

/**
 * Opens the private part of every key a server would sign with (`active` and `next`, as KeyStore does at
 * start) under `secret`, so a restore with the wrong KEY_ENCRYPTION_SECRET stops before it writes
 * anything. Throws KeyEncryptionSecretError, whose message names the key and never a secret.
 */
export function assertSigningKeysOpen(keys: readonly StoredSigningKey[], secret: string | undefined): void {
  const cipher = new PrivateKeyCipher(secret);
  for (const key of keys) {
    if (key.status === 'retired') continue;
    JSON.parse(cipher.open(key.private_jwk, key.kid));
  }
}
