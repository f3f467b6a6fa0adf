import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_LOGGER, AppConfig, AppLogger, ChangeFeed, rowsOf } from '@app/core';
import type { RevocableToken } from './revocation.repository';
import { parseRevocationEntry, RevocationEntry, RevocationSet } from './revocation-set';

const REVOCATIONS_CHANNEL = 'revocations';
const HEARTBEAT_CHANNEL = 'revocation_heartbeat';
const HEARTBEAT_INTERVAL_MS = 1000;
/**
 * The documented bound: an instance answers from memory only while a heartbeat it sent this recently has
 * come back through the feed. Notifications arrive in commit order, so every revocation committed before
 * that heartbeat was sent has been applied: no memory answer is staler than this.
 */
export const REVOCATION_STALENESS_MS = 3000;
const PRUNE_INTERVAL_MS = 60_000;

/**
 * The revocation tables in memory, so checking a token needs no query. Loaded once the change feed
 * listens and kept current by the notifications the database's triggers send at each commit. Answers
 * only "not revoked" for certain: while the feed is down, not yet loaded or behind by more than
 * REVOCATION_STALENESS_MS it answers nothing (the caller asks the database), and a "revoked" it holds is
 * confirmed by the database too, so an entry applied ahead of a commit that then rolled back costs a
 * query, never a wrong answer. The embedded database has one process, whose writes all pass through
 * `applyLocal`: there the set is current as soon as it is loaded.
 */
@Injectable()
export class RevocationMemory implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly set = new RevocationSet();
  private readonly instance = randomUUID();
  private loaded = false;
  /** Bumped whenever the feed drops, so a load under way for the old connection is not trusted. */
  private generation = 0;
  private lastHeartbeatSentAt = 0;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private pruneTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly feed: ChangeFeed,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  onModuleInit(): void {
    this.feed.subscribe(REVOCATIONS_CHANNEL, (payload) => {
      const entry = parseRevocationEntry(payload);
      if (entry) this.set.apply(entry);
    });
    this.feed.subscribe(HEARTBEAT_CHANNEL, (payload) => {
      const [from, sentAt] = payload.split(' ');
      if (from === this.instance) this.lastHeartbeatSentAt = Math.max(this.lastHeartbeatSentAt, Number(sentAt) || 0);
    });
    this.feed.onReset(() => {
      this.generation++;
      this.loaded = false;
      this.set.clear();
    });
    this.feed.onListen(() => void this.load());
  }

  async onApplicationBootstrap(): Promise<void> {
    this.pruneTimer = setInterval(() => this.set.prune(Date.now() / 1000), PRUNE_INTERVAL_MS);
    this.pruneTimer.unref();
    if (!this.config.databaseUrl) {
      await this.load();
      return;
    }
    this.heartbeatTimer = setInterval(() => void this.heartbeat(), HEARTBEAT_INTERVAL_MS);
    this.heartbeatTimer.unref();
    void this.heartbeat();
  }

  onApplicationShutdown(): void {
    clearInterval(this.heartbeatTimer);
    clearInterval(this.pruneTimer);
  }

  /** false when the token is certainly not revoked; undefined when the database must be asked. */
  knownNotRevoked(token: RevocableToken): boolean {
    return this.current() && !this.set.isRevoked(token);
  }

  /** A revocation this instance writes takes effect here at once, before the notification comes back. */
  applyLocal(entry: RevocationEntry): void {
    this.set.apply(entry);
  }

  /** Whether memory answers now (for the tests and the metrics). */
  current(): boolean {
    if (!this.loaded) return false;
    return !this.config.databaseUrl || Date.now() - this.lastHeartbeatSentAt <= REVOCATION_STALENESS_MS;
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    try {
      const [tokens, grants, cutoffs] = await Promise.all([
        this.dataSource.query(`SELECT jti AS key, extract(epoch FROM expires_at)::float8 AS expires_at FROM revoked_tokens WHERE expires_at >= now()`),
        this.dataSource.query(`SELECT grant_id AS key, extract(epoch FROM expires_at)::float8 AS expires_at FROM revoked_grants WHERE expires_at >= now()`),
        this.dataSource.query(
          `SELECT key, extract(epoch FROM issued_before)::float8 AS issued_before, extract(epoch FROM expires_at)::float8 AS expires_at
             FROM revocation_cutoffs WHERE expires_at >= now()`,
        ),
      ]);
      if (generation !== this.generation) return;
      for (const row of rowsOf<{ key: string; expires_at: number }>(tokens)) this.set.apply({ kind: 'token', key: row.key, expiresAt: Number(row.expires_at) });
      for (const row of rowsOf<{ key: string; expires_at: number }>(grants)) this.set.apply({ kind: 'grant', key: row.key, expiresAt: Number(row.expires_at) });
      for (const row of rowsOf<{ key: string; issued_before: number; expires_at: number }>(cutoffs)) {
        this.set.apply({ kind: 'cutoff', key: row.key, issuedBefore: Number(row.issued_before), expiresAt: Number(row.expires_at) });
      }
      this.loaded = true;
      this.logger.debug({ entries: this.set.size }, 'revocations loaded into memory');
    } catch (error) {
      // Not loaded: every check goes to the database until the next (re)connection loads it.
      this.logger.warn({ err: error }, 'revocations could not be loaded into memory; checking them in the database');
    }
  }

  private async heartbeat(): Promise<void> {
    try {
      await this.dataSource.query(`SELECT pg_notify('${HEARTBEAT_CHANNEL}', $1)`, [`${this.instance} ${Date.now()}`]);
    } catch {
      // A database that cannot take the heartbeat lets the memory go stale, which sends checks to it.
    }
  }
}
