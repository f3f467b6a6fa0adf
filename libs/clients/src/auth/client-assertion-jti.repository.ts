import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf } from '@app/core';

/** RFC 7523 §3 item 7: the jti of every accepted client assertion, shared by all instances, until its exp. */
@Injectable()
export class ClientAssertionJtiRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records the jti; false when the client already used it (a replay). The unique key decides, atomically. */
  async useOnce(clientId: string, jti: string, expiresAt: Date): Promise<boolean> {
    const result = await this.dataSource.manager.query(
      `INSERT INTO client_assertion_jtis (client_id, jti, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING jti`,
      [clientId, jti, expiresAt],
    );
    return rowsOf(result).length === 1;
  }
}
