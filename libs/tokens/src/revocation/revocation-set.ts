import type { RevocableToken } from './revocation.repository';
import { cutoffKeysOf } from './token-group';

/** One row of the revocation tables, as the database's notifications and the start-up load carry it. */
export type RevocationEntry =
  | { kind: 'token'; key: string; expiresAt: number }
  | { kind: 'grant'; key: string; expiresAt: number }
  | { kind: 'cutoff'; key: string; issuedBefore: number; expiresAt: number };

/**
 * The revocation tables held in memory (times in epoch seconds). Entries only accumulate, a cutoff only
 * moves later, and each entry goes once every token it could match has expired: applying the same rows in
 * any order, any number of times, gives the same set, so a start-up load and notifications may overlap.
 */
export class RevocationSet {
  private readonly tokens = new Map<string, number>();
  private readonly grants = new Map<string, number>();
  private readonly cutoffs = new Map<string, { issuedBefore: number; expiresAt: number }>();

  apply(entry: RevocationEntry): void {
    switch (entry.kind) {
      case 'token':
        this.tokens.set(entry.key, Math.max(this.tokens.get(entry.key) ?? 0, entry.expiresAt));
        return;
      case 'grant':
        this.grants.set(entry.key, Math.max(this.grants.get(entry.key) ?? 0, entry.expiresAt));
        return;
      case 'cutoff': {
        const known = this.cutoffs.get(entry.key);
        this.cutoffs.set(entry.key, {
          issuedBefore: Math.max(known?.issuedBefore ?? -Infinity, entry.issuedBefore),
          expiresAt: Math.max(known?.expiresAt ?? 0, entry.expiresAt),
        });
      }
    }
  }

  /** The same rule as RevocationRepository's query: by jti, by grant, or by a cutoff of one of its groups. */
  isRevoked(token: RevocableToken): boolean {
    if (this.tokens.has(token.jti)) return true;
    if (!token.gid) return false;
    if (this.grants.has(token.gid)) return true;
    return cutoffKeysOf(token).some((key) => {
      const cutoff = this.cutoffs.get(key);
      return cutoff !== undefined && cutoff.issuedBefore >= token.iat;
    });
  }

  /** Drops what the housekeeping purge drops: entries whose tokens have all expired. */
  prune(nowSeconds: number): void {
    for (const [key, expiresAt] of this.tokens) if (expiresAt < nowSeconds) this.tokens.delete(key);
    for (const [key, expiresAt] of this.grants) if (expiresAt < nowSeconds) this.grants.delete(key);
    for (const [key, cutoff] of this.cutoffs) if (cutoff.expiresAt < nowSeconds) this.cutoffs.delete(key);
  }

  clear(): void {
    this.tokens.clear();
    this.grants.clear();
    this.cutoffs.clear();
  }

  get size(): number {
    return this.tokens.size + this.grants.size + this.cutoffs.size;
  }
}

/** A notification's payload (written by the revocation_notify() trigger), or undefined when malformed. */
export function parseRevocationEntry(payload: string): RevocationEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { kind, key, expires_at: expiresAt, issued_before: issuedBefore } = value as Record<string, unknown>;
  if (typeof key !== 'string' || typeof expiresAt !== 'number') return undefined;
  if (kind === 'token' || kind === 'grant') return { kind, key, expiresAt };
  if (kind === 'cutoff' && typeof issuedBefore === 'number') return { kind, key, issuedBefore, expiresAt };
  return undefined;
}
