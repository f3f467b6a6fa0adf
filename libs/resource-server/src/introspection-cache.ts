import { createHash } from 'node:crypto';

interface Entry<T> {
  value: T;
  expiresAt: number;
}

/**
 * Bounded in-memory cache for introspection answers, keyed by a SHA-256 digest of the token so the
 * raw tokens do not sit in memory as map keys longer than needed.
 */
export class IntrospectionCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly now: () => number,
    private readonly maxEntries = 10_000,
  ) {}

  get(token: string): T | undefined {
    const key = digest(token);
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Stores `value` until `expiresAt` (epoch ms); does nothing if that moment has already passed. */
  set(token: string, value: T, expiresAt: number): void {
    if (expiresAt <= this.now()) return;
    const key = digest(token);
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.evict();
    this.entries.set(key, { value, expiresAt });
  }

  get size(): number {
    return this.entries.size;
  }

  private evict(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(key);
    }
    // Still full: drop the oldest insertion (Map iterates in insertion order).
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
