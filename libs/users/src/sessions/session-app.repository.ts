import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** An app a session signed in to. */
export interface SessionApp {
  sessionId: string;
  clientId: string;
  /** The app's name; null when the app has been deleted since. */
  clientName: string | null;
  /** The session's first sign-in to the app. */
  firstAt: Date;
}

interface RawSessionApp {
  session_id: string;
  client_id: string;
  client_name: string | null;
  first_at: Date;
}

/** Which apps each session signed in to (table `session_apps`). */
@Injectable()
export class SessionAppRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The session signed in to the app; a session that ended meanwhile records nothing. */
  async record(sessionId: string, clientId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO session_apps (session_id, client_id)
       SELECT id, $2 FROM sso_sessions WHERE id = $1 AND ended_at IS NULL
       ON CONFLICT (session_id, client_id) DO NOTHING`,
      [sessionId, clientId],
    );
  }

  async appsOf(sessionIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<SessionApp[]> {
    if (sessionIds.length === 0) return [];
    const rows: RawSessionApp[] = await manager.query(
      `SELECT a.session_id, a.client_id, c.client_name, a.first_at
         FROM session_apps a LEFT JOIN clients c ON c.client_id = a.client_id
        WHERE a.session_id = ANY ($1::uuid[]) ORDER BY a.first_at`,
      [[...sessionIds]],
    );
    return rows.map((row) => ({ sessionId: row.session_id, clientId: row.client_id, clientName: row.client_name ?? null, firstAt: new Date(row.first_at) }));
  }
}
