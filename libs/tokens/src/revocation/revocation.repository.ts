import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RevocationMemory } from './revocation-memory.service';
import { cutoffKeysOf } from './token-group';

/** What the revocation check reads from an access token. */
export interface RevocableToken {
  jti: string;
  sub: string;
  client_id: string;
  iat: number;
  gid?: string;
  sid?: string;
}

/**
 * Revoked access tokens (by jti), revoked grants (every token issued from one grant) and cutoffs (every
 * access token of a person, session or consent issued until a moment). Checks are answered from memory
 * when it is current (RevocationMemory), from the database otherwise.
 */
@Injectable()
export class RevocationRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly memory: RevocationMemory,
  ) {}

  async revokeToken(jti: string, expiresAt: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO revoked_tokens (jti, expires_at) VALUES ($1, $2) ON CONFLICT (jti) DO NOTHING`,
      [jti, expiresAt],
    );
    this.memory.applyLocal({ kind: 'token', key: jti, expiresAt: expiresAt.getTime() / 1000 });
  }

  /** `manager` lets the caller revoke inside its own transaction. */
  async revokeGrant(grantId: string, expiresAt: Date, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO revoked_grants (grant_id, expires_at) VALUES ($1, $2)
       ON CONFLICT (grant_id) DO UPDATE SET expires_at = GREATEST(revoked_grants.expires_at, EXCLUDED.expires_at)`,
      [grantId, expiresAt],
    );
    this.memory.applyLocal({ kind: 'grant', key: grantId, expiresAt: expiresAt.getTime() / 1000 });
  }

  /**
   * Access tokens of the group named by `key` issued at or before `issuedBefore` are revoked. The row may go
   * at `expiresAt`, once every such token has expired. A later cutoff of the same group only moves it on.
   */
  async cutOff(key: string, issuedBefore: Date, expiresAt: Date, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO revocation_cutoffs (key, issued_before, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET issued_before = GREATEST(revocation_cutoffs.issued_before, EXCLUDED.issued_before),
                                       expires_at = GREATEST(revocation_cutoffs.expires_at, EXCLUDED.expires_at)`,
      [key, issuedBefore, expiresAt],
    );
    this.memory.applyLocal({ kind: 'cutoff', key, issuedBefore: issuedBefore.getTime() / 1000, expiresAt: expiresAt.getTime() / 1000 });
  }

  /** Whether checks are answered from memory now (RevocationMemory is loaded and current). */
  answersFromMemory(): boolean {
    return this.memory.current();
  }

  /**
   * From memory when it is current and knows the token is not revoked; otherwise one statement, each part
   * a primary-key lookup. Only a person's tokens carry a grant id (`gid`), so only they are checked against
   * cutoffs. `iat` has whole seconds: a token issued in the second of a cutoff counts as issued before it.
   */
  async isRevoked(token: RevocableToken): Promise<boolean> {
    if (this.memory.knownNotRevoked(token)) return false;
    const rows: Array<{ revoked: boolean }> = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = $1)
           OR EXISTS (SELECT 1 FROM revoked_grants WHERE grant_id = $2)
           OR EXISTS (SELECT 1 FROM revocation_cutoffs WHERE key = ANY ($3::text[]) AND issued_before >= to_timestamp($4)) AS revoked`,
      [token.jti, token.gid ?? null, token.gid ? cutoffKeysOf(token) : [], token.iat],
    );
    return rows[0]?.revoked === true;
  }
}
