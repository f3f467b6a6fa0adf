import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ClientRepository } from '@app/clients';
import type { UpdateUserInput } from '@app/contracts';
import { NotFound } from '@app/core';
import type { TokenGroup } from '@app/tokens';
import { ConsentService, EndedSession, PreparedPassword, SsoSessionService, UserEntity, UserService } from '@app/users';
import { GrantRevocation } from './grant-revocation.service';

/** What ending a person's access did, for the one audit event of the action. */
export interface AccessEnded {
  sessionsEnded: number;
  /** Refresh token families (grants) revoked, offline_access ones included. */
  refreshTokenFamiliesRevoked: number;
  /** The apps the ended sessions had signed in to, each told of the logout (back-channel). */
  appsNotified: string[];
}

/**
 * Changes to a person, their sessions or their consents, and the tokens each one ends. Ended tokens stay
 * ended: after re-enabling the person or consenting again, only a new authorization issues tokens. The
 * tokens of a single session end with it wherever it ends (SessionTokensListener).
 */
@Injectable()
export class PersonAccessService {
  constructor(
    private readonly users: UserService,
    private readonly sessions: SsoSessionService,
    private readonly consents: ConsentService,
    private readonly revocation: GrantRevocation,
    private readonly clients: ClientRepository,
    private readonly dataSource: DataSource,
  ) {}

  /** Disabling (the admin API, the console, SCIM `active: false`) is `change` with its consequences dropped. */
  async update(id: string, input: UpdateUserInput): Promise<UserEntity> {
    return (await this.change(id, input)).user;
  }

  /**
   * The kill switch in one commit: disabling ends every token family and every session of the person,
   * whose apps hear of it from the session listeners. A refused change ends nothing; repeating a
   * disabling ends whatever is left.
   */
  async change(id: string, input: UpdateUserInput): Promise<{ user: UserEntity; ended?: AccessEnded }> {
    if (input.disabled !== true) return { user: (await this.users.update(id, input)).user };
    return this.dataSource.transaction(async (manager) => {
      // Every family first, offline ones included, so the count is complete; the sessions' listener then finds nothing left.
      const families = await this.revocation.revokeIn(manager, personGroup(id));
      const { user, endedSessions } = await this.users.update(id, input, manager);
      return { user, ended: await this.accessEnded(endedSessions, families, manager) };
    });
  }

  async delete(id: string): Promise<void> {
    // One commit: a refused deletion (the last administrator) ends none of their tokens.
    await this.dataSource.transaction(async (manager) => {
      await this.revocation.revokeIn(manager, personGroup(id));
      await this.users.delete(id, manager);
    });
  }

  /** A new password ends every token and browser session: whoever knew the old one keeps nothing. */
  async setPassword(id: string, password: string | PreparedPassword): Promise<void> {
    await this.users.setPassword(id, password);
    await this.revocation.revoke(personGroup(id));
  }

  /**
   * The person changed their own password in one browser: every token ends (whoever knew the old password
   * keeps nothing) and so does every other browser session; the browser that made the change stays signed in.
   */
  async endAllButSession(id: string, keepSessionId: string): Promise<number> {
    await this.revocation.revoke(personGroup(id));
    return this.sessions.endOthersForUser(id, keepSessionId, 'password-changed');
  }

  /** Signs the person out everywhere, in one commit: every browser session and every token, offline ones included. */
  async endAllSessions(id: string): Promise<AccessEnded> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await this.users.findById(id, manager))) throw new NotFound(`No user with id ${id}`);
      const families = await this.revocation.revokeIn(manager, personGroup(id));
      const ended = await this.sessions.endAllOf(id, 'ended-by-admin', manager);
      return this.accessEnded(ended, families, manager);
    });
  }

  /** Withdraws consent for one client, or for every client consented to, ending what those clients hold. */
  async withdrawConsent(id: string, clientId?: string): Promise<void> {
    await this.users.get(id);
    const clientIds = clientId === undefined ? (await this.consents.list(id)).map((consent) => consent.clientId) : await this.existing(clientId);
    await this.revocation.revoke(...clientIds.map((client): TokenGroup => ({ kind: 'consent', userId: id, clientId: client })));
    await this.consents.revoke(id, clientId);
  }

  private async accessEnded(sessions: readonly EndedSession[], families: number, manager: EntityManager): Promise<AccessEnded> {
    const apps = await this.sessions.appsOf(sessions.map((session) => session.id), manager);
    return { sessionsEnded: sessions.length, refreshTokenFamiliesRevoked: families, appsNotified: [...new Set(apps.map((app) => app.clientId))].sort() };
  }

  /** A client that no longer exists took its tokens with it: there is nothing of it left to end. */
  private async existing(clientId: string): Promise<string[]> {
    return (await this.clients.findById(clientId)) ? [clientId] : [];
  }
}

function personGroup(userId: string): TokenGroup {
  return { kind: 'person', userId };
}
