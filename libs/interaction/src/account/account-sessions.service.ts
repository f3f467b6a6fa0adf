import { Injectable } from '@nestjs/common';
import { isUuid } from '@app/core';
import { SessionDetails, SsoSessionService } from '@app/users';
import type { SessionListItem } from './sessions-page';

/** A person's own sessions: the list, and ending one or all but this browser's, with the tokens each produced. */
@Injectable()
export class AccountSessions {
  constructor(private readonly sessions: SsoSessionService) {}

  async list(current: SessionDetails): Promise<SessionListItem[]> {
    const rows = await this.sessions.listForUser(current.userId);
    return rows.map((row) => ({
      id: row.id,
      userAgent: row.userAgent,
      ip: row.ip,
      createdAt: row.createdAt,
      authTime: row.authTime,
      acr: row.acr,
      amr: row.amr,
      current: row.id === current.sessionId,
    }));
  }

  /**
   * Ends one of the person's other sessions; false when the id names no live session of theirs (or this
   * browser's own, which the sign-out link ends). Its tokens end with it, as at sign-out.
   */
  async endOne(current: SessionDetails, sessionId: string | undefined): Promise<boolean> {
    if (!sessionId || !isUuid(sessionId) || sessionId === current.sessionId) return false;
    return this.sessions.endOneForUser(current.userId, sessionId, 'ended-by-person');
  }

  /** Ends every session of the person but this browser's; returns how many. */
  async endOthers(current: SessionDetails): Promise<number> {
    return this.sessions.endOthersForUser(current.userId, current.sessionId, 'ended-by-person');
  }
}
