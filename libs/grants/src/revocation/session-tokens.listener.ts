import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EndedSession, SessionEndListener, SessionEndListeners, SessionEndReason } from '@app/users';
import { GrantRevocation } from './grant-revocation.service';

/**
 * Whatever way a sign-in session ends (logout, sign-in again, the person's or an administrator's list,
 * expiry, a new password, disabling, deletion), the tokens it produced end with it in the same commit.
 * Grants with offline_access are left to outlive it (OIDC Core §11); the person-wide events end those too.
 */
@Injectable()
export class SessionTokensListener implements SessionEndListener, OnModuleInit {
  constructor(
    private readonly listeners: SessionEndListeners,
    private readonly revocation: GrantRevocation,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async sessionsEnded(sessions: readonly EndedSession[], _reason: SessionEndReason, manager: EntityManager): Promise<void> {
    await this.revocation.revokeIn(manager, ...sessions.map((session) => ({ kind: 'session' as const, sessionId: session.id })));
  }
}
