import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';

/** A sealed value cannot be opened: no KEY_ENCRYPTION_SECRET, or another one than it was sealed with. */
export class SealedValueError extends Error {
  constructor(readonly reason: 'missing' | 'mismatch') {
    super(reason === 'missing' ? 'The value is encrypted, but KEY_ENCRYPTION_SECRET is not set' : 'The value was encrypted with another KEY_ENCRYPTION_SECRET');
    this.name = 'SealedValueError';
  }
}

/**
 * Secrets the server must read back (private keys, upstream client secrets, bind passwords) are stored
 * sealed with AES-256-GCM under a key derived (HKDF-SHA256) from KEY_ENCRYPTION_SECRET, one derived key per
 * use (`salt`, `info`). Without a secret the value is stored as it is.
 */
export class AtRestCipher {
  private readonly key: Buffer | undefined;

  constructor(secret: string | undefined, salt: string, info: string) {
    this.key = secret ? Buffer.from(hkdfSync('sha256', secret, salt, info, 32)) : undefined;
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

  open(stored: string): string {
    if (!AtRestCipher.isSealed(stored)) return stored;
    if (!this.key) throw new SealedValueError('missing');
    const raw = Buffer.from(stored.slice(PREFIX.length), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    try {
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      // GCM authentication failed: another key derived the ciphertext (or the stored value was altered).
      throw new SealedValueError('mismatch');
    }
  }
}
