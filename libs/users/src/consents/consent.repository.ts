import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ConsentRow {
  clientId: string;
  scopes: string[];
  createdAt: Date;
  updatedAt: Date;
}

/** A consent with the name of the application it was given to, for the person's own list. */
export interface ConsentedApp extends ConsentRow {
  clientName: string;
}

interface RawConsent {
  client_id: string;
  scopes: string[];
  created_at: Date;
  updated_at: Date;
}

/** What each person allowed each client, one row per person and client. */
@Injectable()
export class ConsentRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(userId: string, clientId: string): Promise<string[]> {
    const rows: Array<{ scopes: string[] }> = await this.dataSource.query(
      `SELECT scopes FROM consents WHERE user_id = $1 AND client_id = $2`,
      [userId, clientId],
    );
    return rows[0]?.scopes ?? [];
  }

  /** Adds scopes to what was allowed before (the union), atomically. */
  async grant(userId: string, clientId: string, scopes: readonly string[]): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO consents AS c (user_id, client_id, scopes) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, client_id) DO UPDATE
         SET scopes = ARRAY(SELECT DISTINCT unnest(c.scopes || EXCLUDED.scopes) ORDER BY 1), updated_at = now()`,
      [userId, clientId, [...new Set(scopes)].sort()],
    );
  }

  async list(userId: string): Promise<ConsentRow[]> {
    const rows: RawConsent[] = await this.dataSource.query(
      `SELECT client_id, scopes, created_at, updated_at FROM consents WHERE user_id = $1 ORDER BY client_id`,
      [userId],
    );
    return rows.map((row) => ({ clientId: row.client_id, scopes: row.scopes, createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at) }));
  }

  async listWithClientNames(userId: string): Promise<ConsentedApp[]> {
    const rows: Array<RawConsent & { client_name: string }> = await this.dataSource.query(
      `SELECT c.client_id, c.scopes, c.created_at, c.updated_at, cl.client_name
         FROM consents c JOIN clients cl ON cl.client_id = c.client_id
        WHERE c.user_id = $1 ORDER BY lower(cl.client_name), c.client_id`,
      [userId],
    );
    return rows.map((row) => ({
      clientId: row.client_id,
      clientName: row.client_name,
      scopes: row.scopes,
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
    }));
  }

  /** Removes the consent for one client, or for all when clientId is undefined; returns how many. */
  async revoke(userId: string, clientId?: string): Promise<number> {
    const result: [unknown[], number] = clientId
      ? await this.dataSource.query(`DELETE FROM consents WHERE user_id = $1 AND client_id = $2`, [userId, clientId])
      : await this.dataSource.query(`DELETE FROM consents WHERE user_id = $1`, [userId]);
    return result[1] ?? 0;
  }
}
