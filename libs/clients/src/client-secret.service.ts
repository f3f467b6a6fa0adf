import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { randomToken, sha256 } from '@app/core';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

/**
 * Client secrets: generated with 256 bits of entropy and stored as a SHA-256 digest (fast enough for the
 * token endpoint's hot path, and brute force of a 256-bit value is out of reach). A secret chosen by an
 * operator (the bootstrap client's) may be weak, so it is stored with scrypt instead.
 */
@Injectable()
export class ClientSecretService {
  /** A hash a wrong secret is compared against when the client is unknown, so both cost the same. */
  private readonly decoyHash = `s256$${sha256(randomToken())}`;

  generate(): { secret: string; hash: string } {
    const secret = randomToken(32);
    return { secret, hash: `s256$${sha256(secret)}` };
  }

  async hashChosenSecret(secret: string): Promise<string> {
    const salt = randomBytes(16);
    const key = await scrypt(secret, salt, 32);
    return `scrypt$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }

  async verify(secret: string, storedHash: string | null | undefined): Promise<boolean> {
    const hash = storedHash ?? this.decoyHash;
    const [scheme, ...parts] = hash.split('$');
    if (scheme === 's256' && parts.length === 1) {
      // Both sides are 32-byte digests, so the comparison takes the same time wherever they differ.
      const expected = Buffer.from(parts[0], 'base64url');
      const actual = createHash('sha256').update(secret, 'utf8').digest();
      const matches = expected.length === actual.length && timingSafeEqual(actual, expected);
      return matches && storedHash !== undefined && storedHash !== null;
    }
    if (scheme === 'scrypt' && parts.length === 2) {
      const expected = Buffer.from(parts[1], 'base64url');
      const actual = await scrypt(secret, Buffer.from(parts[0], 'base64url'), expected.length);
      return timingSafeEqual(actual, expected);
    }
    return false;
  }
}
