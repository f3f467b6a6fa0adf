import { Injectable } from '@nestjs/common';
import { isUuid } from '@app/core';
import { PersonAccessService } from '@app/grants';
import { SessionDetails, SsoSessionService } from '@app/users';
import type { SessionListItem } from './sessions-page';

/** A person's own sessions: the list, and ending one or all but this browser's, with the tokens each produced. */
@Injectable()
export class AccountSessions {
  constructor(
    private readonly sessions: SsoSessionService,
    private readonly access: PersonAccessService,
  ) {}

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
   * browser's own, which the sign-out link ends). Its tokens end first, as at sign-out.
   */
  async endOne(current: SessionDetails, sessionId: string | undefined): Promise<boolean> {
    if (!sessionId || !isUuid(sessionId) || sessionId === current.sessionId) return false;
    const own = (await this.sessions.listForUser(current.userId)).some((row) => row.id === sessionId);
    if (!own) return false;
    await this.access.endSessionGrants(sessionId);
    return this.sessions.endOneForUser(current.userId, sessionId, 'ended-by-person');
  }

  /** Ends every session of the person but this browser's; returns how many. */
  async endOthers(current: SessionDetails): Promise<number> {
    const others = (await this.sessions.listForUser(current.userId)).filter((row) => row.id !== current.sessionId);
    for (const other of others) await this.access.endSessionGrants(other.id);
    // Every other session ends, also any past the listed ones.
    return this.sessions.endOthersForUser(current.userId, current.sessionId, 'ended-by-person');
  }
}
