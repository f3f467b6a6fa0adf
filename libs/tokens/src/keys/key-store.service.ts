import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createPrivateKey, createPublicKey, JsonWebKey as NodeJwk, KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, JWK } from 'jose';
import { DataSource } from 'typeorm';
import { AppConfig, APP_LOGGER, AppLogger, Clock, SigningAlgorithm } from '@app/core';
import { PrivateKeyCipher } from './private-key-cipher';
import { SigningKeyEntity } from './signing-key.entity';

/** Tokens never outlive this, so a retired key can leave the JWKS this long after retirement. */
export const MAX_TOKEN_LIFETIME_SECONDS = 86400;
const RELOAD_INTERVAL_MS = 60_000;

export interface LoadedKey {
  kid: string;
  alg: SigningAlgorithm;
  publicKey: KeyObject;
  publicJwk: JWK;
}

export interface ActiveKey extends LoadedKey {
  privateKey: KeyObject;
}

/**
 * The signing keys, kept in the database so every instance signs with the same active key and publishes
 * the same JWKS. Each instance reloads them periodically, and at once when it meets an unknown kid.
 */
@Injectable()
export class KeyStore implements OnModuleInit, OnApplicationShutdown {
  private active: ActiveKey | undefined;
  private hasNext = false;
  private verificationKeys = new Map<string, LoadedKey>();
  private publishedJwks: { keys: JWK[] } = { keys: [] };
  private reloadTimer: NodeJS.Timeout | undefined;
  private lastReloadAt = 0;
  private readonly cipher: PrivateKeyCipher;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {
    this.cipher = new PrivateKeyCipher(config.keyEncryptionSecret);
  }

  async onModuleInit(): Promise<void> {
    await this.reload();
    for (const status of ['active', 'next'] as const) {
      if (status === 'active' ? this.active : this.hasNext) continue;
      await this.createKey(this.config.signingAlgorithm, status).catch((error: unknown) => {
        // Another instance created it at the same moment: use theirs.
        this.logger.debug({ err: error, status }, 'concurrent key creation');
      });
      await this.reload();
    }
    if (!this.active) throw new Error('No active signing key could be loaded');
    this.reloadTimer = setInterval(() => void this.reload().catch((error: unknown) => this.logger.warn({ err: error }, 'key reload failed')), RELOAD_INTERVAL_MS);
    this.reloadTimer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.reloadTimer);
  }

  activeKey(): ActiveKey {
    if (!this.active) throw new Error('Signing keys are not loaded');
    return this.active;
  }

  jwks(): { keys: JWK[] } {
    return this.publishedJwks;
  }

  /** A key that may verify a token; an unknown kid triggers at most one reload every few seconds. */
  async verificationKey(kid: string): Promise<LoadedKey | undefined> {
    const known = this.verificationKeys.get(kid);
    if (known) return known;
    if (Date.now() - this.lastReloadAt > 5000) await this.reload();
    return this.verificationKeys.get(kid);
  }

  async list(): Promise<SigningKeyEntity[]> {
    return this.dataSource.getRepository(SigningKeyEntity).find({ order: { createdAt: 'DESC' } });
  }

  /**
   * The published `next` key signs from now on (a fresh one when another algorithm is asked for), a new
   * `next` is published, and the old key stays in the JWKS until its tokens have expired. Verifiers that
   * fetched the JWKS since the last rotation already hold the new signing key.
   */
  async rotate(alg: SigningAlgorithm = this.config.signingAlgorithm): Promise<SigningKeyEntity> {
    const now = this.clock.now();
    const [freshActive, freshNext] = await Promise.all([this.generate(alg, now, 'active'), this.generate(alg, now, 'next')]);
    const activated = await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE signing_keys SET status = 'retired', retired_at = $1, expires_at = $2 WHERE status = 'active'`,
        [now, new Date(now.getTime() + (MAX_TOKEN_LIFETIME_SECONDS + 60) * 1000)],
      );
      const promoted: SigningKeyEntity[] = await manager.query(
        `UPDATE signing_keys SET status = 'active' WHERE status = 'next' AND alg = $1 RETURNING kid`,
        [alg],
      ).then((result: [Array<{ kid: string }>, number]) => result[0].map((row) => Object.assign(new SigningKeyEntity(), row)));
      if (promoted.length === 0) {
        // The published next key has another algorithm: it gives way to a fresh key of the one asked for.
        await manager.query(`DELETE FROM signing_keys WHERE status = 'next'`);
        await manager.getRepository(SigningKeyEntity).insert(freshActive);
      }
      await manager.getRepository(SigningKeyEntity).insert(freshNext);
      return promoted[0]?.kid ?? freshActive.kid;
    });
    await this.reload();
    this.logger.info({ kid: activated, alg }, 'signing key rotated');
    return (await this.dataSource.getRepository(SigningKeyEntity).findOneByOrFail({ kid: activated }));
  }

  private async createKey(alg: SigningAlgorithm, status: 'active' | 'next'): Promise<void> {
    const key = await this.generate(alg, this.clock.now(), status);
    await this.dataSource.getRepository(SigningKeyEntity).insert(key);
    this.logger.info({ kid: key.kid, alg, status }, 'signing key created');
  }

  private async generate(alg: SigningAlgorithm, now: Date, status: 'active' | 'next'): Promise<SigningKeyEntity> {
    const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true, modulusLength: 2048 });
    const publicJwk = await exportJWK(publicKey);
    const privateJwk = await exportJWK(privateKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    return Object.assign(new SigningKeyEntity(), {
      kid,
      alg,
      publicJwk: { ...publicJwk, kid, alg, use: 'sig' },
      privateJwk: this.cipher.seal(JSON.stringify({ ...privateJwk, kid, alg })),
      status,
      createdAt: now,
      retiredAt: null,
      expiresAt: null,
    });
  }

  private async reload(): Promise<void> {
    this.lastReloadAt = Date.now();
    const rows = await this.dataSource
      .getRepository(SigningKeyEntity)
      .createQueryBuilder('key')
      .addSelect('key.privateJwk')
      .where(`key.status IN ('active', 'next') OR key.expires_at > now()`)
      .getMany();
    const verificationKeys = new Map<string, LoadedKey>();
    let active: ActiveKey | undefined;
    this.hasNext = rows.some((row) => row.status === 'next');
    for (const row of rows) {
      const alg = row.alg as SigningAlgorithm;
      const publicKey = createPublicKey({ key: row.publicJwk as NodeJwk, format: 'jwk' });
      const loaded: LoadedKey = { kid: row.kid, alg, publicKey, publicJwk: row.publicJwk };
      verificationKeys.set(row.kid, loaded);
      if (row.status === 'active') {
        const privateKey = createPrivateKey({ key: JSON.parse(this.cipher.open(row.privateJwk)) as NodeJwk, format: 'jwk' });
        active = { ...loaded, privateKey };
      }
    }
    this.verificationKeys = verificationKeys;
    if (active) this.active = active;
    this.publishedJwks = { keys: [...verificationKeys.values()].map((key) => key.publicJwk) };
  }
}
