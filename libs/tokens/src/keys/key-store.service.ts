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
    if (!this.active) {
      await this.createActiveKey(this.config.signingAlgorithm).catch(async (error: unknown) => {
        // Another instance created the first key at the same moment: use theirs.
        this.logger.debug({ err: error }, 'concurrent first key creation');
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

  /** A new key signs from now on; the old one stays published until its tokens have expired. */
  async rotate(alg: SigningAlgorithm = this.config.signingAlgorithm): Promise<SigningKeyEntity> {
    const now = this.clock.now();
    const created = await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE signing_keys SET status = 'retired', retired_at = $1, expires_at = $2 WHERE status = 'active'`,
        [now, new Date(now.getTime() + (MAX_TOKEN_LIFETIME_SECONDS + 60) * 1000)],
      );
      const key = await this.generate(alg, now);
      await manager.getRepository(SigningKeyEntity).insert(key);
      return key;
    });
    await this.reload();
    this.logger.info({ kid: created.kid, alg }, 'signing key rotated');
    return created;
  }

  private async createActiveKey(alg: SigningAlgorithm): Promise<void> {
    const key = await this.generate(alg, this.clock.now());
    await this.dataSource.getRepository(SigningKeyEntity).insert(key);
    this.logger.info({ kid: key.kid, alg }, 'signing key created');
  }

  private async generate(alg: SigningAlgorithm, now: Date): Promise<SigningKeyEntity> {
    const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true, modulusLength: 2048 });
    const publicJwk = await exportJWK(publicKey);
    const privateJwk = await exportJWK(privateKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    return Object.assign(new SigningKeyEntity(), {
      kid,
      alg,
      publicJwk: { ...publicJwk, kid, alg, use: 'sig' },
      privateJwk: this.cipher.seal(JSON.stringify({ ...privateJwk, kid, alg })),
      status: 'active' as const,
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
      .where(`key.status = 'active' OR key.expires_at > now()`)
      .getMany();
    const verificationKeys = new Map<string, LoadedKey>();
    let active: ActiveKey | undefined;
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
