import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '@app/core';
import { MAX_TOKEN_LIFETIME_SECONDS } from '../keys/key-store.service';
import { RefreshTokenRepository } from '../refresh/refresh-token.repository';
import { RevocationRepository } from './revocation.repository';
import { cutoffKey, TokenGroup } from './token-group';

/** Leeway for clocks of instances that disagree a little, as for retired signing keys. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * Ends the tokens of a group at once on every instance: its refresh tokens are revoked, and its access
 * tokens issued until now (JWT or reference) become inactive through a cutoff that introspection, userinfo
 * and the admin API read in the same statement as the other revocations. Nothing is cached, so there is
 * nothing to tell the other instances.
 */
@Injectable()
export class TokenGroupRevocation {
  constructor(
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly revocations: RevocationRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs inside the caller's transaction, so the caller can end codes or sessions in the same commit.
   * Returns how many refresh token families it revoked.
   */
  async revoke(group: TokenGroup, manager: EntityManager): Promise<number> {
    const families = await this.refreshTokens.revokeGroup(group, manager);
    // Taken last, so access tokens issued while the refresh tokens were being revoked are covered too.
    const now = this.clock.now();
    // Access tokens never live longer than MAX_TOKEN_LIFETIME_SECONDS: past that, the cutoff has nothing left to end.
    const expiresAt = new Date(now.getTime() + (MAX_TOKEN_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) * 1000);
    await this.revocations.cutOff(cutoffKey(group), now, expiresAt, manager);
    return families;
  }
}
