import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthLevel, isAuthLevel, levelOf, rowsOf } from '@app/core';
import type { EndedSession } from './session-end';

export interface SsoSessionRow {
  id: string;
  userId: string;
  authTime: Date;
  createdAt: Date;
  expiresAt: Date;
  /** When the session was last used, to within LAST_SEEN_RESOLUTION. */
  lastSeenAt: Date;
  /** RFC 8176 methods the person used in this session, and the level they prove. */
  amr: string[];
  acr: AuthLevel;
  /** The browser and address the session was started from, as they said (for the person's list only). */
  userAgent: string | null;
  ip: string | null;
  /** The client ids of the apps the session signed in to; read by `findActive` only. */
  apps?: string[];
  /** `findActive` only: last_seen_at is older than LAST_SEEN_RESOLUTION, so this use should be recorded. */
  unseen?: boolean;
}

/** Where a sign-in came from, recorded with its session. */
export interface SessionOrigin {
  userAgent?: string | null;
  ip?: string | null;
}

interface RawSession {
  id: string;
  user_id: string;
  auth_time: Date;
  created_at: Date;
  expires_at: Date;
  last_seen_at: Date;
  amr: string[];
  acr: string;
  user_agent: string | null;
  ip: string | null;
  apps?: string[];
  unseen?: boolean;
}

const toRow = (raw: RawSession): SsoSessionRow => ({
  id: raw.id,
  userId: raw.user_id,
  authTime: new Date(raw.auth_time),
  createdAt: new Date(raw.created_at),
  expiresAt: new Date(raw.expires_at),
  lastSeenAt: new Date(raw.last_seen_at),
  amr: raw.amr,
  acr: isAuthLevel(raw.acr) ? raw.acr : 'pwd',
  userAgent: raw.user_agent ?? null,
  ip: raw.ip ?? null,
  ...(raw.apps ? { apps: raw.apps } : {}),
  ...(raw.unseen !== undefined ? { unseen: raw.unseen } : {}),
});

const COLUMNS = 'id, user_id, auth_time, created_at, expires_at, last_seen_at, amr, acr, user_agent, ip';

/**
 * last_seen_at moves at most this often: a session used many times a minute is written once, and a flow
 * with a fresh session writes nothing for it.
 */
const LAST_SEEN_RESOLUTION = "interval '5 minutes'";

/** Browser sessions, found by the SHA-256 of the cookie value (the value itself is never stored). */
@Injectable()
export class SsoSessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(tokenHash: string, userId: string, authTime: Date, expiresAt: Date, amr: readonly string[], origin: SessionOrigin = {}): Promise<SsoSessionRow> {
    const rows: RawSession[] = await this.dataSource.query(
      `INSERT INTO sso_sessions (token_hash, user_id, auth_time, expires_at, amr, acr, user_agent, ip) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       RETURNING ${COLUMNS}`,
      [tokenHash, userId, authTime, expiresAt, amr, levelOf(amr), origin.userAgent ?? null, origin.ip ?? null],
    );
    return toRow(rows[0]);
  }

  /** A further factor proven in a live session: its methods and level grow, auth_time moves to now. */
  async stepUp(id: string, amr: readonly string[], authTime: Date): Promise<SsoSessionRow | undefined> {
    const [row] = rowsOf<RawSession>(await this.dataSource.query(
      `UPDATE sso_sessions SET amr = $2, acr = $3, auth_time = $4
        WHERE id = $1 AND ended_at IS NULL AND expires_at > now() RETURNING ${COLUMNS}`,
      [id, amr, levelOf(amr), authTime],
    ));
    return row && toRow(row);
  }

  /** Ends one of a person's sessions; nothing when it was not theirs or not live. */
  async endOneForUser(userId: string, id: string, manager: EntityManager): Promise<EndedSession[]> {
    return this.end('user_id = $1 AND id = $2', [userId, id], manager);
  }

  /** Ends every session of a person but one (the browser asking). */
  async endOthersForUser(userId: string, keepId: string, manager: EntityManager): Promise<EndedSession[]> {
    return this.end('user_id = $1 AND id <> $2', [userId, keepId], manager);
  }

  /**
   * The live session of a cookie: not ended, not expired, its person still enabled; with the apps it
   * signed in to, so that a further sign-in to one of them writes nothing more.
   */
  async findActive(tokenHash: string): Promise<SsoSessionRow | undefined> {
    const rows: RawSession[] = await this.dataSource.query(
      `SELECT s.id, s.user_id, s.auth_time, s.created_at, s.expires_at, s.last_seen_at, s.amr, s.acr, s.user_agent, s.ip,
              ARRAY(SELECT a.client_id FROM session_apps a WHERE a.session_id = s.id) AS apps,
              s.last_seen_at < now() - ${LAST_SEEN_RESOLUTION} AS unseen
         FROM sso_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.ended_at IS NULL AND s.expires_at > now() AND NOT u.disabled`,
      [tokenHash],
    );
    return rows[0] ? toRow(rows[0]) : undefined;
  }

  /** Records a use of the session; a no-op when another request recorded one within the resolution. */
  async touch(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE sso_sessions SET last_seen_at = now() WHERE id = $1 AND last_seen_at < now() - ${LAST_SEEN_RESOLUTION}`,
      [id],
    );
  }

  async endByTokenHash(tokenHash: string, manager: EntityManager): Promise<EndedSession[]> {
    return this.end('token_hash = $1', [tokenHash], manager);
  }

  async endAllForUser(userId: string, manager: EntityManager): Promise<EndedSession[]> {
    return this.end('user_id = $1', [userId], manager);
  }

  /** Ends the sessions that reached their expiry unended, at most `limit` at a time; ended_at is their expiry. */
  async endExpired(limit: number, manager: EntityManager): Promise<EndedSession[]> {
    return this.ended(await manager.query(
      `UPDATE sso_sessions SET ended_at = expires_at
        WHERE id IN (SELECT id FROM sso_sessions WHERE ended_at IS NULL AND expires_at <= now() LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, user_id`,
      [limit],
    ));
  }

  /** Marks the live sessions matching `where` ended now, and returns them. */
  private async end(where: string, params: unknown[], manager: EntityManager): Promise<EndedSession[]> {
    return this.ended(await manager.query(
      `UPDATE sso_sessions SET ended_at = now() WHERE ${where} AND ended_at IS NULL RETURNING id, user_id`,
      params,
    ));
  }

  private ended(result: unknown): EndedSession[] {
    return rowsOf<{ id: string; user_id: string }>(result).map((row) => ({ id: row.id, userId: row.user_id }));
  }

  async listActiveForUser(userId: string): Promise<SsoSessionRow[]> {
    const rows: RawSession[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM sso_sessions
        WHERE user_id = $1 AND ended_at IS NULL AND expires_at > now() ORDER BY created_at DESC LIMIT 100`,
      [userId],
    );
    return rows.map(toRow);
  }
}
