/**
 * Remembers the `jti` of accepted logout tokens so a token is acted on once (Back-Channel Logout 1.0 §2.6).
 * The DPoP verifier keeps proof `jti`s in an InMemoryReplayStore too (RFC 9449 §11.1).
 * Give a shared implementation (Redis `SET NX PX`, a database table) when several instances receive logouts.
 */
export interface LogoutReplayStore {
  /** Records `jti` until `expiresAtMs`; false when it is already recorded (a replay). Must be atomic. */
  remember(jti: string, expiresAtMs: number): boolean | Promise<boolean>;
  /** Drops `jti` again, so the provider's retry of a logout that could not be carried out is accepted. */
  forget(jti: string): void | Promise<void>;
}

export interface InMemoryReplayStoreOptions {
  /** Most entries kept; the oldest are dropped first once expired ones are gone. Default 10000. */
  maxEntries?: number;
  now?: () => number;
}

/**
 * A bounded per-process store. When full of unexpired entries it drops the oldest: replaying a logout token
 * can only end a session that was already ended, and a proof kept past its iat window is refused for its age,
 * so bounding memory wins over remembering forever.
 */
export class InMemoryReplayStore implements LogoutReplayStore {
  private readonly entries = new Map<string, number>();
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: InMemoryReplayStoreOptions = {}) {
    const maxEntries = options.maxEntries ?? 10_000;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new TypeError('InMemoryReplayStore: `maxEntries` must be a positive integer');
    }
    this.maxEntries = maxEntries;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  remember(jti: string, expiresAtMs: number): boolean {
    const known = this.entries.get(jti);
    if (known !== undefined && known > this.now()) return false;
    this.entries.delete(jti);
    if (this.entries.size >= this.maxEntries) this.makeRoom();
    this.entries.set(jti, expiresAtMs);
    return true;
  }

  forget(jti: string): void {
    this.entries.delete(jti);
  }

  private makeRoom(): void {
    const now = this.now();
    for (const [jti, expiresAt] of this.entries) if (expiresAt <= now) this.entries.delete(jti);
    // Map iteration follows insertion order, so the first keys are the oldest.
    for (const jti of this.entries.keys()) {
      if (this.entries.size < this.maxEntries) break;
      this.entries.delete(jti);
    }
  }
}
