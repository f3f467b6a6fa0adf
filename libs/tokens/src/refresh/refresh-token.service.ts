import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig, Clock, randomToken, sha256 } from '@app/core';
import { MAX_TOKEN_LIFETIME_SECONDS } from '../keys/key-store.service';
import { RevocationRepository } from '../revocation/revocation.repository';
import { RefreshTokenRecord, RefreshTokenRepository } from './refresh-token.repository';

export interface RefreshTokenGrant {
  familyId: string;
  clientId: string;
  userId: string;
  scopes: readonly string[];
  authTime?: Date;
  sessionId?: string;
  /** The level and methods of the original authentication: a refresh is no new authentication. */
  acr?: string | null;
  amr?: readonly string[] | null;
  /** The RFC 8707 resource the grant's access tokens target; refreshes may then target nothing else. */
  resource?: string;
  /** RFC 9449 §5: the DPoP key the token is bound to (public clients only). */
  dpopJkt?: string;
  /** Per-client lifetime in seconds; the server default when null. */
  ttlSeconds?: number | null;
}

export type RotationResult =
  | { outcome: 'rotated'; record: RefreshTokenRecord }
  /** A token that was already used: someone holds a copy, so the whole family was revoked. */
  | { outcome: 'reused' }
  | { outcome: 'invalid' };

/** Opaque 256-bit refresh tokens, rotated on every use (RFC 9700 §4.14.2). */
@Injectable()
export class RefreshTokenService {
  constructor(
    private readonly tokens: RefreshTokenRepository,
    private readonly revocations: RevocationRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Stores a new token of the family and returns its value (shown once). */
  async issue(grant: RefreshTokenGrant, manager?: EntityManager): Promise<{ token: string; expiresAt: Date }> {
    const token = randomToken(32);
    const ttl = grant.ttlSeconds ?? this.config.refreshTokenTtl;
    const expiresAt = new Date(this.clock.now().getTime() + ttl * 1000);
    await this.tokens.insert({ ...grant, tokenHash: sha256(token), expiresAt }, manager);
    return { token, expiresAt };
  }

  /** Consumes the token for `clientId`; a reused one revokes its family (and the family's access tokens). */
  async consume(token: string, clientId: string, manager?: EntityManager): Promise<RotationResult> {
    const tokenHash = sha256(token);
    const record = await this.tokens.consume(tokenHash, clientId, manager);
    if (record) return { outcome: 'rotated', record };
    const existing = await this.tokens.find(tokenHash, manager);
    if (existing && existing.clientId === clientId && existing.consumedAt && !existing.revokedAt) {
      await this.revokeFamily(existing.familyId, manager);
      return { outcome: 'reused' };
    }
    return { outcome: 'invalid' };
  }

  /** The token's record if it is live (for introspection and revocation). */
  async findActive(token: string): Promise<RefreshTokenRecord | undefined> {
    const record = await this.tokens.find(sha256(token));
    if (!record || record.consumedAt || record.revokedAt || record.expiresAt <= this.clock.now()) return undefined;
    return record;
  }

  /** Any token of ours, live or not (revocation revokes the family even of a used token). */
  find(token: string): Promise<RefreshTokenRecord | undefined> {
    return this.tokens.find(sha256(token));
  }

  /**
   * Ends a grant: its refresh tokens, and through the grant id (`gid` claim) every access token issued from
   * it, which introspection then reports inactive.
   */
  async revokeFamily(familyId: string, manager?: EntityManager): Promise<void> {
    await this.tokens.revokeFamily(familyId, manager);
    const until = new Date(this.clock.now().getTime() + MAX_TOKEN_LIFETIME_SECONDS * 1000);
    await this.revocations.revokeGrant(familyId, until, manager);
  }
}
