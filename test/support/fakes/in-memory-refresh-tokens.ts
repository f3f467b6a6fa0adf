import type { Clock } from '@app/core';
import type { RefreshTokenGrant, RefreshTokenRecord, RefreshTokenService, RotationResult } from '@app/tokens';
import type { TransactionalState } from './fake-data-source';
import { FixedClock } from './fixed-clock';

type RefreshTokens = Pick<RefreshTokenService, 'issue' | 'consume' | 'revokeFamily'>;

const DEFAULT_TTL_SECONDS = 30 * 86400;

/**
 * RefreshTokenService's rules over a Map: a token is used once, a second use by its own client revokes the
 * family, anything else (unknown, another client's, expired, revoked) is invalid and changes nothing.
 */
export class InMemoryRefreshTokens implements RefreshTokens, TransactionalState {
  private tokens = new Map<string, RefreshTokenRecord>();
  private revokedFamilies = new Set<string>();
  private counter = 0;

  constructor(private readonly clock: Clock = new FixedClock()) {}

  /** Stores a token as if issued earlier; returns its value. */
  add(record: RefreshTokenRecord): string {
    const value = `refresh-token-${++this.counter}`;
    this.tokens.set(value, { ...record });
    return value;
  }

  async issue(grant: RefreshTokenGrant): Promise<{ token: string; expiresAt: Date }> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + (grant.ttlSeconds ?? DEFAULT_TTL_SECONDS) * 1000);
    const token = this.add({
      familyId: grant.familyId,
      clientId: grant.clientId,
      userId: grant.userId,
      scopes: [...grant.scopes],
      authTime: grant.authTime ?? null,
      sessionId: grant.sessionId ?? null,
      acr: grant.acr ?? null,
      amr: grant.amr ? [...grant.amr] : null,
      resource: grant.resource ?? null,
      dpopJkt: grant.dpopJkt ?? null,
      createdAt: now,
      expiresAt,
      consumedAt: null,
      revokedAt: null,
    });
    return { token, expiresAt };
  }

  async consume(token: string, clientId: string): Promise<RotationResult> {
    const record = this.tokens.get(token);
    const now = this.clock.now();
    if (!record || record.clientId !== clientId || record.revokedAt || record.expiresAt <= now) return { outcome: 'invalid' };
    if (record.consumedAt) {
      await this.revokeFamily(record.familyId);
      return { outcome: 'reused' };
    }
    record.consumedAt = now;
    return { outcome: 'rotated', record: { ...record } };
  }

  async revokeFamily(familyId: string): Promise<void> {
    this.revokedFamilies.add(familyId);
    for (const record of this.tokens.values()) {
      if (record.familyId === familyId) record.revokedAt ??= this.clock.now();
    }
  }

  isFamilyRevoked(familyId: string): boolean {
    return this.revokedFamilies.has(familyId);
  }

  recordOf(token: string): RefreshTokenRecord | undefined {
    return this.tokens.get(token);
  }

  /** The records of the family's tokens, oldest first. */
  family(familyId: string): RefreshTokenRecord[] {
    return [...this.tokens.values()].filter((record) => record.familyId === familyId);
  }

  snapshot(): () => void {
    const tokens = new Map([...this.tokens].map(([value, record]) => [value, { ...record }]));
    const revokedFamilies = new Set(this.revokedFamilies);
    return () => {
      this.tokens = tokens;
      this.revokedFamilies = revokedFamilies;
    };
  }

  asService(): RefreshTokenService {
    return this as unknown as RefreshTokenService;
  }
}
