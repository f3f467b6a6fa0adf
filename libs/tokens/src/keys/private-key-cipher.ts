import { AtRestCipher, SealedValueError } from '@app/core';

/** A stored private key cannot be read with the KEY_ENCRYPTION_SECRET this server has (or lacks). */
export class KeyEncryptionSecretError extends Error {
  constructor(readonly reason: 'missing' | 'mismatch', readonly kid: string | undefined) {
    const key = kid ? ` (key ${kid})` : '';
    super(
      reason === 'missing'
        ? `The signing keys in the database are encrypted, but KEY_ENCRYPTION_SECRET is not set${key}: set it to the secret they were encrypted with.`
        : `The signing keys in the database were encrypted with another KEY_ENCRYPTION_SECRET than the one set${key}: set it to the secret they were encrypted with.`,
    );
    this.name = 'KeyEncryptionSecretError';
  }
}

/** Private JWKs at rest, sealed under their own derived key; without a secret, plain JSON. */
export class PrivateKeyCipher {
  private readonly cipher: AtRestCipher;

  constructor(secret: string | undefined) {
    this.cipher = new AtRestCipher(secret, 'signing-keys', 'private-jwk-v1');
  }

  get encrypts(): boolean {
    return this.cipher.encrypts;
  }

  static isSealed(stored: string): boolean {
    return AtRestCipher.isSealed(stored);
  }

  seal(plain: string): string {
    return this.cipher.seal(plain);
  }

  /** The plain JWK; `kid` only names the key in the error when it cannot be opened. */
  open(stored: string, kid?: string): string {
    try {
      return this.cipher.open(stored);
    } catch (error) {
      if (error instanceof SealedValueError) throw new KeyEncryptionSecretError(error.reason, kid);
      throw error;
    }
  }
}
