import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { rowsOf } from '@app/core';
import { TokenGroup, tokenGroupFilter } from '../revocation/token-group';

export interface RefreshTokenRecord {
  familyId: string;
  clientId: string;
  userId: string;
  scopes: string[];
  authTime: Date | null;
  sessionId: string | null;
  /** The level and methods of the authentication the grant started from; null when unknown. */
  acr: string | null;
  amr: string[] | null;
  /** The RFC 8707 resource the grant is bound to; null when each request may choose its target. */
  resource: string | null;
  /** RFC 9449 §5: the DPoP key a public client's token is bound to; null when unbound. */
  dpopJkt: string | null;
  createdAt: Date;
  expiresAt: Date;
  consumedAt: Date | null;
  revokedAt: Date | null;
}

export interface NewRefreshToken {
  tokenHash: string;
  familyId: string;
  clientId: string;
  userId: string;
  scopes: readonly string[];
  authTime?: Date;
  sessionId?: string;
  acr?: string | null;
  amr?: readonly string[] | null;
  resource?: string;
  dpopJkt?: string;
  expiresAt: Date;
}

interface RawRefreshToken {
  family_id: string;
  client_id: string;
  user_id: string;
  scopes: string[];
  auth_time: Date | null;
  session_id: string | null;
  acr: string | null;
  amr: string[] | null;
  resource: string | null;
  dpop_jkt: string | null;
  created_at: Date;
  expires_at: Date;
  consumed_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'family_id, client_id, user_id, scopes, auth_time, session_id, acr, amr, resource, dpop_jkt, created_at, expires_at, consumed_at, revoked_at';

/** Refresh tokens by the SHA-256 of their value. Methods that write accept a transaction's manager. */
@Injectable()
export class RefreshTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(token: NewRefreshToken, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO refresh_tokens (token_hash, family_id, client_id, user_id, scopes, auth_time, session_id, acr, amr, resource, expires_at, dpop_jkt)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [token.tokenHash, token.familyId, token.clientId, token.userId, [...token.scopes], token.authTime ?? null, token.sessionId ?? null,
        token.acr ?? null, token.amr ? [...token.amr] : null, token.resource ?? null, token.expiresAt, token.dpopJkt ?? null],
    );
  }

  /**
   * Uses a token once: one atomic UPDATE, so of two concurrent uses only one wins. Only a live token of
   * this client is consumed; anything else is left as it was for the caller to inspect.
   */
  async consume(tokenHash: string, clientId: string, manager: EntityManager = this.dataSource.manager): Promise<RefreshTokenRecord | undefined> {
    const [rows]: [RawRefreshToken[], number] = await manager.query(
      `UPDATE refresh_tokens SET consumed_at = now()
        WHERE token_hash = $1 AND client_id = $2 AND consumed_at IS NULL AND revoked_at IS NULL AND expires_at > now()
        RETURNING ${COLUMNS}`,
      [tokenHash, clientId],
    );
    return rows[0] && toRecord(rows[0]);
  }

  async find(tokenHash: string, manager: EntityManager = this.dataSource.manager): Promise<RefreshTokenRecord | undefined> {
    const rows: RawRefreshToken[] = await manager.query(`SELECT ${COLUMNS} FROM refresh_tokens WHERE token_hash = $1`, [tokenHash]);
    return rows[0] && toRecord(rows[0]);
  }

  /** Revokes every token of a family. */
  async revokeFamily(familyId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
  }

  /**
   * Revokes the live tokens of a group, for good: re-enabling a person or consenting again brings none back.
   * A rotation in flight holds the row lock of the token it consumes until it commits that token's
   * successor, which the UPDATE's snapshot would miss. Locking the group's live tokens first waits for such
   * rotations; the UPDATE, a later statement with a later snapshot, then sees their successors too. Used
   * tokens are left alone: they can no longer be redeemed, and not locking them keeps clear of a reuse
   * detection revoking the same family at the same moment. Returns how many families it revoked (a family
   * has one live token at a time).
   */
  async revokeGroup(group: TokenGroup, manager: EntityManager): Promise<number> {
    const { where, params } = tokenGroupFilter(group);
    const live = `${where} AND consumed_at IS NULL AND revoked_at IS NULL`;
    // In one order, so two revocations over the same tokens (a logout and a disabling) queue instead of deadlocking.
    await manager.query(`SELECT 1 FROM refresh_tokens WHERE ${live} ORDER BY token_hash FOR UPDATE`, params);
    const revoked = await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE ${live} RETURNING family_id`, params);
    return new Set(rowsOf<{ family_id: string }>(revoked).map((row) => row.family_id)).size;
  }
}

function toRecord(row: RawRefreshToken): RefreshTokenRecord {
  const date = (value: Date | null) => (value ? new Date(value) : null);
  return {
    familyId: row.family_id,
    clientId: row.client_id,
    userId: row.user_id,
    scopes: row.scopes,
    authTime: date(row.auth_time),
    sessionId: row.session_id,
    acr: row.acr,
    amr: row.amr,
    resource: row.resource,
    dpopJkt: row.dpop_jkt,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    consumedAt: date(row.consumed_at),
    revokedAt: date(row.revoked_at),
  };
}
