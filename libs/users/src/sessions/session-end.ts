import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Why sessions ended; recorded with what is sent to the apps, and shown in the audit log. */
export type SessionEndReason =
  /** The person signed out in this browser (RP-initiated logout or the account page). */
  | 'logout'
  /** The browser signed in again: its previous session gave way to the new one. */
  | 'replaced'
  /** The person ended it from their list of sessions, or ended every other one. */
  | 'ended-by-person'
  /** An administrator ended it, one session or all of them ("sign out everywhere"). */
  | 'ended-by-admin'
  /** The password changed. */
  | 'password-changed'
  /** The person was disabled (the admin API, the console or SCIM `active: false`). */
  | 'disabled'
  /** The person was deleted. */
  | 'deleted'
  /** It reached its expiry without anyone ending it. */
  | 'expired';

/** A session that has just ended. */
export interface EndedSession {
  /** The session's public id, the OIDC `sid`. */
  id: string;
  userId: string;
}

/**
 * Something that must happen whenever sessions end (back-channel logout to the apps they signed in to),
 * done inside the transaction that ends them so that either both happen or neither does.
 */
export interface SessionEndListener {
  sessionsEnded(sessions: readonly EndedSession[], reason: SessionEndReason, manager: EntityManager): Promise<void>;
}

/**
 * The listeners of every session end. Modules above users register theirs at start (users cannot import
 * them); SsoSessionService calls them in the ending transaction.
 */
@Injectable()
export class SessionEndListeners {
  private readonly listeners: SessionEndListener[] = [];

  register(listener: SessionEndListener): void {
    this.listeners.push(listener);
  }

  async notify(sessions: readonly EndedSession[], reason: SessionEndReason, manager: EntityManager): Promise<void> {
    if (sessions.length === 0) return;
    for (const listener of this.listeners) await listener.sessionsEnded(sessions, reason, manager);
  }
}
