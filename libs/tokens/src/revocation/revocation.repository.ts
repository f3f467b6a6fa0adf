import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** Revoked access tokens (by jti) and revoked grants (every token issued from one grant). */
@Injectable()
export class RevocationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async revokeToken(jti: string, expiresAt: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO revoked_tokens (jti, expires_at) VALUES ($1, $2) ON CONFLICT (jti) DO NOTHING`,
      [jti, expiresAt],
    );
  }

  /** `manager` lets the caller revoke inside its own transaction. */
  async revokeGrant(grantId: string, expiresAt: Date, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO revoked_grants (grant_id, expires_at) VALUES ($1, $2)
       ON CONFLICT (grant_id) DO UPDATE SET expires_at = GREATEST(revoked_grants.expires_at, EXCLUDED.expires_at)`,
      [grantId, expiresAt],
    );
  }

  async isRevoked(jti: string, grantId: string | undefined): Promise<boolean> {
    const rows: Array<{ revoked: boolean }> = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = $1)
           OR EXISTS (SELECT 1 FROM revoked_grants WHERE grant_id = $2) AS revoked`,
      [jti, grantId ?? null],
    );
    return rows[0]?.revoked === true;
  }
}
