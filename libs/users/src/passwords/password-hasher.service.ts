import { Injectable } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import * as argon2 from 'argon2';
import { AppConfig, ServiceUnavailable } from '@app/core';
import { ConcurrencyLimiter, LimiterBusy } from './concurrency-limiter';

// OWASP Password Storage Cheat Sheet: argon2id, m=19 MiB, t=2, p=1.
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;
/** Longer inputs are refused before hashing, so a huge password cannot cost more than a normal one. */
export const MAX_PASSWORD_LENGTH = 256;
export const MIN_PASSWORD_LENGTH = 8;
/** A storm drains in seconds once it stops; asking for a short pause spreads the retries. */
const RETRY_AFTER_SECONDS = 2;

/** Every hashing slot is busy and the queue is full (or was waited on too long): answered 503 with Retry-After. */
export class PasswordChecksBusy extends ServiceUnavailable {
  constructor(reason: string) {
    super(`password hashing at capacity: ${reason}`);
    this.withHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  }
}

/**
 * argon2id password hashing, at most a few hashes at a time, with a bounded queue behind them
 * (PASSWORD_HASH_QUEUE_LIMIT, PASSWORD_HASH_QUEUE_TIMEOUT_MS).
 */
@Injectable()
export class PasswordHasher {
  private readonly limiter: ConcurrencyLimiter;
  /** Verified against when the username is unknown, so both cases take the same time. */
  private decoy: Promise<string> | undefined;

  constructor(config: AppConfig) {
    this.limiter = new ConcurrencyLimiter(Math.max(2, availableParallelism()), {
      maxQueue: config.passwordHashQueueLimit,
      maxWaitMs: config.passwordHashQueueTimeoutMs,
    });
  }

  hash(password: string): Promise<string> {
    return this.limited(() => argon2.hash(password, ARGON2_OPTIONS));
  }

  async verify(password: string, hash: string | undefined): Promise<boolean> {
    if (password.length > MAX_PASSWORD_LENGTH) return false;
    const decoy = this.decoyHash();
    const target = hash ?? (await decoy);
    const matches = await this.limited(() => argon2.verify(target, password).catch(() => false));
    return matches && hash !== undefined;
  }

  /** Made on first use; one refused under load is made again next time instead of staying a failure. */
  private decoyHash(): Promise<string> {
    if (!this.decoy) {
      const decoy = this.hash('decoy password for unknown users');
      this.decoy = decoy;
      decoy.catch(() => {
        if (this.decoy === decoy) this.decoy = undefined;
      });
    }
    return this.decoy;
  }

  private async limited<T>(task: () => Promise<T>): Promise<T> {
    try {
      return await this.limiter.run(task);
    } catch (error) {
      if (error instanceof LimiterBusy) throw new PasswordChecksBusy(error.message);
      throw error;
    }
  }
}
