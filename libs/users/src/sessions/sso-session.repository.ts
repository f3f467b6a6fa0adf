import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface SsoSessionRow {
  id: string;
  userId: string;
  authTime: Date;
  createdAt: Date;
  expiresAt: Date;
}

interface RawSession {
  id: string;
  user_id: string;
  auth_time: Date;
  created_at: Date;
  expires_at: Date;
}

const toRow = (raw: RawSession): SsoSessionRow => ({
  id: raw.id,
  userId: raw.user_id,
  authTime: new Date(raw.auth_time),
  createdAt: new Date(raw.created_at),
  expiresAt: new Date(raw.expires_at),
});

/** Browser sessions, found by the SHA-256 of the cookie value (the value itself is never stored). */
@Injectable()
export class SsoSessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(tokenHash: string, userId: string, authTime: Date, expiresAt: Date): Promise<SsoSessionRow> {
    const rows: RawSession[] = await this.dataSource.query(
      `INSERT INTO sso_sessions (token_hash, user_id, auth_time, expires_at) VALUES ($1, $2, $3, $4)
       RETURNING id, user_id, auth_time, created_at, expires_at`,
      [tokenHash, userId, authTime, expiresAt],
    );
    return toRow(rows[0]);
  }

  /** The live session of a cookie: not ended, not expired, its person still enabled. */
  async findActive(tokenHash: string): Promise<SsoSessionRow | undefined> {
    const rows: RawSession[] = await this.dataSource.query(
      `SELECT s.id, s.user_id, s.auth_time, s.created_at, s.expires_at
         FROM sso_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.ended_at IS NULL AND s.expires_at > now() AND NOT u.disabled`,
      [tokenHash],
    );
    return rows[0] ? toRow(rows[0]) : undefined;
  }

  async endByTokenHash(tokenHash: string): Promise<void> {
    await this.dataSource.query(`UPDATE sso_sessions SET ended_at = now() WHERE token_hash = $1 AND ended_at IS NULL`, [tokenHash]);
  }

  async endAllForUser(userId: string): Promise<number> {
    const result: [unknown[], number] = await this.dataSource.query(
      `UPDATE sso_sessions SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL`,
      [userId],
    );
    return result[1] ?? 0;
  }

  async listActiveForUser(userId: string): Promise<SsoSessionRow[]> {
    const rows: RawSession[] = await this.dataSource.query(
      `SELECT id, user_id, auth_time, created_at, expires_at FROM sso_sessions
        WHERE user_id = $1 AND ended_at IS NULL AND expires_at > now() ORDER BY created_at DESC LIMIT 100`,
      [userId],
    );
    return rows.map(toRow);
  }
}
