import { Injectable } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import * as argon2 from 'argon2';
import { ConcurrencyLimiter } from './concurrency-limiter';

// OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1.
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
/** Longer inputs are refused before hashing, so a huge password cannot cost more than a normal one. */
export const MAX_PASSWORD_LENGTH = 256;
export const MIN_PASSWORD_LENGTH = 8;

/** argon2id password hashing, at most a few hashes at a time. */
@Injectable()
export class PasswordHasher {
  private readonly limiter = new ConcurrencyLimiter(Math.max(2, availableParallelism()));
  /** Verified against when the username is unknown, so both cases take the same time. */
  private decoy: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return this.limiter.run(() => argon2.hash(password, ARGON2_OPTIONS));
  }

  async verify(password: string, hash: string | undefined): Promise<boolean> {
    if (password.length > MAX_PASSWORD_LENGTH) return false;
    this.decoy ??= this.hash('decoy password for unknown users');
    const target = hash ?? (await this.decoy);
    const matches = await this.limiter.run(() => argon2.verify(target, password).catch(() => false));
    return matches && hash !== undefined;
  }
}
