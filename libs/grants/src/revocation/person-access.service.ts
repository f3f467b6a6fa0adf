import { Injectable } from '@nestjs/common';
import { ClientRepository } from '@app/clients';
import type { UpdateUserInput } from '@app/contracts';
import type { TokenGroup } from '@app/tokens';
import { ConsentService, SsoSessionService, UserEntity, UserService } from '@app/users';
import { GrantRevocation } from './grant-revocation.service';

/**
 * Changes to a person, their sessions or their consents, and the tokens each one ends. Ended tokens stay
 * ended: after re-enabling the person or consenting again, only a new authorization issues tokens.
 */
@Injectable()
export class PersonAccessService {
  constructor(
    private readonly users: UserService,
    private readonly sessions: SsoSessionService,
    private readonly consents: ConsentService,
    private readonly revocation: GrantRevocation,
    private readonly clients: ClientRepository,
  ) {}

  /** Disabling ends every token of the person (and, in UserService, every browser session). */
  async update(id: string, input: UpdateUserInput): Promise<UserEntity> {
    // The change is checked and made first: a refused change ends nothing. Repeating it ends the rest.
    const user = await this.users.update(id, input);
    if (input.disabled === true) await this.revocation.revoke(personGroup(id));
    return user;
  }

  async delete(id: string): Promise<void> {
    // A deletion that will be refused (the last administrator) must not end their tokens first.
    await this.users.assertDeletable(id);
    // Tokens first: after a failed deletion the person is still there for a retry to end them.
    await this.revocation.revoke(personGroup(id));
    await this.users.delete(id);
  }

  /** A new password ends every token and browser session: whoever knew the old one keeps nothing. */
  async setPassword(id: string, password: string): Promise<void> {
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

  /** Signs the person out everywhere: every browser session and every token, offline ones included. */
  async endAllSessions(id: string): Promise<void> {
    await this.users.get(id);
    await this.revocation.revoke(personGroup(id));
    await this.sessions.endAllForUser(id, 'ended-by-admin');
  }

  /** Withdraws consent for one client, or for every client consented to, ending what those clients hold. */
  async withdrawConsent(id: string, clientId?: string): Promise<void> {
    await this.users.get(id);
    const clientIds = clientId === undefined ? (await this.consents.list(id)).map((consent) => consent.clientId) : await this.existing(clientId);
    await this.revocation.revoke(...clientIds.map((client): TokenGroup => ({ kind: 'consent', userId: id, clientId: client })));
    await this.consents.revoke(id, clientId);
  }

  /**
   * Ends the tokens one sign-in session produced, except grants with offline_access. The caller ends the
   * browser session afterwards, so a failure here leaves the session for the person to sign out again.
   */
  async endSessionGrants(sessionId: string): Promise<void> {
    await this.revocation.revoke({ kind: 'session', sessionId });
  }

  /** A client that no longer exists took its tokens with it: there is nothing of it left to end. */
  private async existing(clientId: string): Promise<string[]> {
    return (await this.clients.findById(clientId)) ? [clientId] : [];
  }
}

function personGroup(userId: string): TokenGroup {
  return { kind: 'person', userId };
}
