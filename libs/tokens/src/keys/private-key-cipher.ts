import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';

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

/**
 * Encrypts private JWKs at rest with AES-256-GCM under a key derived (HKDF-SHA256) from
 * KEY_ENCRYPTION_SECRET. Without a secret the JWK is stored as plain JSON.
 */
export class PrivateKeyCipher {
  private readonly key: Buffer | undefined;

  constructor(secret: string | undefined) {
    this.key = secret ? Buffer.from(hkdfSync('sha256', secret, 'signing-keys', 'private-jwk-v1', 32)) : undefined;
  }

  get encrypts(): boolean {
    return this.key !== undefined;
  }

  static isSealed(stored: string): boolean {
    return stored.startsWith(PREFIX);
  }

  seal(plain: string): string {
    if (!this.key) return plain;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The plain JWK; `kid` only names the key in the error when it cannot be opened. */
  open(stored: string, kid?: string): string {
    if (!PrivateKeyCipher.isSealed(stored)) return stored;
    if (!this.key) throw new KeyEncryptionSecretError('missing', kid);
    const raw = Buffer.from(stored.slice(PREFIX.length), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    try {
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      // GCM authentication failed: another key derived the ciphertext (or the stored value was altered).
      throw new KeyEncryptionSecretError('mismatch', kid);
    }
  }
}
