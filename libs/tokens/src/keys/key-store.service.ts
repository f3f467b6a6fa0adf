import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createPrivateKey, createPublicKey, JsonWebKey as NodeJwk } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, JWK } from 'jose';
import { DataSource, EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { AppConfig, APP_LOGGER, AppLogger, ChangeFeed, Clock, SigningAlgorithm } from '@app/core';
import { PrivateKeyCipher } from './private-key-cipher';
import { SigningKeyEntity, SigningKeyPurpose } from './signing-key.entity';
import type { ActiveKey, LoadedKey } from './loaded-key';

export type { ActiveKey, LoadedKey } from './loaded-key';

/** OIDC Core §15.1: an OpenID provider must be able to sign ID tokens with RS256, whatever else it uses. */
export const REQUIRED_ID_TOKEN_ALGORITHM: SigningAlgorithm = 'RS256';

/** Tokens never outlive this, so a retired key can leave the JWKS this long after retirement. */
export const MAX_TOKEN_LIFETIME_SECONDS = 86400;
/** A safety net only: rotations reach every instance at once through the change feed. */
const RELOAD_INTERVAL_MS = 60_000;
/** The change feed channel a rotation is announced on; the payload names the instance that rotated. */
const KEYS_CHANGED = 'signing_keys_changed';

/**
 * The signing keys, kept in the database so every instance signs with the same active key and publishes
 * the same JWKS. A rotation is announced on the change feed and every instance reloads at once; they also
 * reload periodically, when the feed reconnects, and when they meet an unknown kid.
 */
@Injectable()
export class KeyStore implements OnModuleInit, OnApplicationShutdown {
  private active: ActiveKey | undefined;
  /** The RS256 key for ID tokens, when the `tokens` key has another algorithm. */
  private idTokenActive: ActiveKey | undefined;
  private withNext = new Set<SigningKeyPurpose>();
  private verificationKeys = new Map<string, LoadedKey>();
  private publishedJwks: { keys: JWK[] } = { keys: [] };
  private reloadTimer: NodeJS.Timeout | undefined;
  private lastReloadAt = 0;
  private readonly cipher: PrivateKeyCipher;
  /** Tells this instance's own announcements apart: it has reloaded already when it announces. */
  private readonly instanceId = randomUUID();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
    private readonly feed: ChangeFeed,
  ) {
    this.cipher = new PrivateKeyCipher(config.keyEncryptionSecret);
    feed.subscribe(KEYS_CHANGED, (from) => {
      if (from !== this.instanceId) this.reloadInBackground();
    });
    // Announcements may have been missed while the feed was down.
    feed.onReset(() => this.reloadInBackground());
  }

  async onModuleInit(): Promise<void> {
    // Opens every key this server may sign with: a missing or changed KEY_ENCRYPTION_SECRET stops the start.
    const { unencrypted } = await this.reload();
    if (unencrypted > 0 && this.cipher.encrypts) {
      // Not rewritten in place: other instances may be signing with these rows while this one starts.
      // Every key created from now on is encrypted, so these leave as keys rotate.
      this.logger.warn({ keys: unencrypted }, 'signing keys stored unencrypted, created before KEY_ENCRYPTION_SECRET was set: keys created from now on are encrypted, and two rotations retire these');
    }
    await this.ensureKeys('tokens', this.config.signingAlgorithm);
    if (!this.active) throw new Error('No active signing key could be loaded');
    if (this.active.alg !== REQUIRED_ID_TOKEN_ALGORITHM) await this.ensureKeys('id_token', REQUIRED_ID_TOKEN_ALGORITHM);
    this.reloadTimer = setInterval(() => this.reloadInBackground(), RELOAD_INTERVAL_MS);
    this.reloadTimer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.reloadTimer);
  }

  activeKey(): ActiveKey {
    if (!this.active) throw new Error('Signing keys are not loaded');
    return this.active;
  }

  /** The key for an ID token in `alg`, or undefined when this server holds no active key of that algorithm. */
  idTokenKey(alg: SigningAlgorithm): ActiveKey | undefined {
    const active = this.activeKey();
    if (active.alg === alg) return active;
    return alg === REQUIRED_ID_TOKEN_ALGORITHM ? this.idTokenActive : undefined;
  }

  /**
   * The key for what a client verifies with its ID token keys, in the algorithm it registered. One this server
   * no longer holds a key for (SIGNING_ALG changed since) gets RS256, which every OpenID provider must offer.
   */
  keyForClient(alg: SigningAlgorithm | undefined): ActiveKey {
    return (alg && this.idTokenKey(alg)) || this.idTokenKey(REQUIRED_ID_TOKEN_ALGORITHM) || this.activeKey();
  }

  /** The algorithms ID tokens can be signed with now: the token signing algorithm, and RS256. */
  idTokenAlgorithms(): SigningAlgorithm[] {
    const primary = this.activeKey().alg;
    return primary === REQUIRED_ID_TOKEN_ALGORITHM || !this.idTokenActive ? [primary] : [primary, REQUIRED_ID_TOKEN_ALGORITHM];
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
    const needsIdTokenKeys = alg !== REQUIRED_ID_TOKEN_ALGORITHM;
    const [freshActive, freshNext, idTokenActive, idTokenNext] = await Promise.all([
      this.generate(alg, now, 'active', 'tokens'),
      this.generate(alg, now, 'next', 'tokens'),
      needsIdTokenKeys ? this.generate(REQUIRED_ID_TOKEN_ALGORITHM, now, 'active', 'id_token') : undefined,
      needsIdTokenKeys ? this.generate(REQUIRED_ID_TOKEN_ALGORITHM, now, 'next', 'id_token') : undefined,
    ]);
    const activated = await this.dataSource.transaction(async (manager) => {
      const promote = async (purpose: SigningKeyPurpose, fresh: SigningKeyEntity, next: SigningKeyEntity): Promise<string> => {
        await retire(manager, purpose, now);
        const [promoted]: [Array<{ kid: string }>, number] = await manager.query(
          `UPDATE signing_keys SET status = 'active' WHERE status = 'next' AND alg = $1 AND purpose = $2 RETURNING kid`,
          [fresh.alg, purpose],
        );
        if (promoted.length === 0) {
          // The published next key has another algorithm: it gives way to a fresh key of the one asked for.
          await manager.query(`DELETE FROM signing_keys WHERE status = 'next' AND purpose = $1`, [purpose]);
          await manager.getRepository(SigningKeyEntity).insert(fresh);
        }
        await manager.getRepository(SigningKeyEntity).insert(next);
        return promoted[0]?.kid ?? fresh.kid;
      };
      const kid = await promote('tokens', freshActive, freshNext);
      if (idTokenActive && idTokenNext) {
        await promote('id_token', idTokenActive, idTokenNext);
      } else {
        // The token key is RS256 now and serves ID tokens too; the separate RS256 keys retire.
        await retire(manager, 'id_token', now);
        await manager.query(`DELETE FROM signing_keys WHERE status = 'next' AND purpose = 'id_token'`);
      }
      return kid;
    });
    await this.reload();
    // The other instances sign with the new key and publish the new JWKS from now on, not at their next poll.
    await this.feed.publish(KEYS_CHANGED, this.instanceId).catch((error: unknown) => this.logger.warn({ err: error }, 'key rotation not announced'));
    this.logger.info({ kid: activated, alg }, 'signing key rotated');
    return (await this.dataSource.getRepository(SigningKeyEntity).findOneByOrFail({ kid: activated }));
  }

  /** Creates the active and next key of a purpose when missing; a concurrent start creating them is fine. */
  private async ensureKeys(purpose: SigningKeyPurpose, alg: SigningAlgorithm): Promise<void> {
    for (const status of ['active', 'next'] as const) {
      const present = status === 'next' ? this.withNext.has(purpose) : purpose === 'tokens' ? this.active : this.idTokenActive;
      if (present) continue;
      await this.createKey(alg, status, purpose).catch((error: unknown) => {
        // Another instance created it at the same moment: use theirs.
        this.logger.debug({ err: error, status, purpose }, 'concurrent key creation');
      });
      await this.reload();
    }
  }

  private async createKey(alg: SigningAlgorithm, status: 'active' | 'next', purpose: SigningKeyPurpose): Promise<void> {
    const key = await this.generate(alg, this.clock.now(), status, purpose);
    await this.dataSource.getRepository(SigningKeyEntity).insert(key);
    this.logger.info({ kid: key.kid, alg, status, purpose }, 'signing key created');
  }

  private async generate(alg: SigningAlgorithm, now: Date, status: 'active' | 'next', purpose: SigningKeyPurpose): Promise<SigningKeyEntity> {
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
      purpose,
      createdAt: now,
      retiredAt: null,
      expiresAt: null,
    });
  }

  private reloadInBackground(): void {
    void this.reload().catch((error: unknown) => this.logger.warn({ err: error }, 'key reload failed'));
  }

  /**
   * Loads the keys. The private parts of the `active` keys (signing now) and the `next` keys (signing after
   * the next rotation) are opened, so a key that cannot be decrypted fails here, not at a rotation. Returns
   * how many of those are stored unencrypted.
   */
  private async reload(): Promise<{ unencrypted: number }> {
    this.lastReloadAt = Date.now();
    const rows = await this.dataSource
      .getRepository(SigningKeyEntity)
      .createQueryBuilder('key')
      .addSelect('key.privateJwk')
      .where(`key.status IN ('active', 'next') OR key.expires_at > now()`)
      .getMany();
    const verificationKeys = new Map<string, LoadedKey>();
    const active = new Map<SigningKeyPurpose, ActiveKey>();
    this.withNext = new Set(rows.filter((row) => row.status === 'next').map((row) => row.purpose));
    let unencrypted = 0;
    for (const row of rows) {
      const alg = row.alg as SigningAlgorithm;
      const publicKey = createPublicKey({ key: row.publicJwk as NodeJwk, format: 'jwk' });
      const loaded: LoadedKey = { kid: row.kid, alg, publicKey, publicJwk: row.publicJwk };
      verificationKeys.set(row.kid, loaded);
      if (row.status === 'retired') continue;
      if (!PrivateKeyCipher.isSealed(row.privateJwk)) unencrypted++;
      const opened = this.cipher.open(row.privateJwk, row.kid);
      if (row.status === 'active') {
        const privateKey = createPrivateKey({ key: JSON.parse(opened) as NodeJwk, format: 'jwk' });
        active.set(row.purpose, { ...loaded, privateKey });
      }
    }
    this.verificationKeys = verificationKeys;
    if (active.has('tokens')) this.active = active.get('tokens');
    this.idTokenActive = active.get('id_token');
    this.publishedJwks = { keys: [...verificationKeys.values()].map((key) => key.publicJwk) };
    return { unencrypted };
  }
}

/** The active key of a purpose stops signing and stays in the JWKS until every token it signed has expired. */
async function retire(manager: EntityManager, purpose: SigningKeyPurpose, now: Date): Promise<void> {
  await manager.query(
    `UPDATE signing_keys SET status = 'retired', retired_at = $1, expires_at = $2 WHERE status = 'active' AND purpose = $3`,
    [now, new Date(now.getTime() + (MAX_TOKEN_LIFETIME_SECONDS + 60) * 1000), purpose],
  );
}
