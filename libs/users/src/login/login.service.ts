import { Injectable } from '@nestjs/common';
import { PasswordChecksBusy, PasswordHasher } from '../passwords/password-hasher.service';
import { UserEntity } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { AccountLock, LoginThrottle } from './login-throttle.service';
import { DirectoryUnavailable, PasswordDirectory } from './password-directory';

export const LOGIN_FAILED_MESSAGE = 'Invalid username or password';

/**
 * Thrown for every failed sign-in; the login page shows the one generic message whatever the cause, except
 * for a locked name (`locked`), which it tells when to try again: known or not, every name locks alike.
 */
export class LoginFailed extends Error {
  constructor(
    readonly reason: 'credentials' | 'disabled' | 'throttled' | 'locked' | 'malformed' | 'directory-unavailable' | 'not-provisioned',
    /** The person the username named, when known: for the audit log only, never shown on the page. */
    readonly userId?: string,
    /** With `locked`: until when. */
    readonly lock?: AccountLock,
  ) {
    super(LOGIN_FAILED_MESSAGE);
    this.name = 'LoginFailed';
  }
}

/**
 * Checks a username and password. Unknown names, wrong passwords, disabled people and throttled attempts
 * all fail the same way after the same work, so the page reveals nothing about which accounts exist.
 * A person a directory manages, and a name unknown here, are checked by the registered directories; a
 * local person with a local password keeps the local check.
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
  ) {}

  private readonly directories: PasswordDirectory[] = [];

  /** Called at start by the lib that provides a directory. */
  addDirectory(directory: PasswordDirectory): void {
    this.directories.push(directory);
  }

  async authenticate(username: string, password: string, ip: string): Promise<UserEntity> {
    // The empty password is refused here too, so no directory ever sees an unauthenticated bind (RFC 4513 §5.1.2).
    if (!username || username.length > 200 || !password) throw new LoginFailed('malformed');
    const { allowed, lock } = await this.throttle.reserve(username, ip);
    const user = allowed ? await this.users.findForLogin(username) : null;
    if (allowed && (await this.directoryChecks(user))) return this.throughDirectories(username, password, ip, user ? withoutHash(user) : undefined);
    const matches = await this.hasher.verify(password, user?.passwordHash).catch(async (error: unknown) => {
      // Refused for load, not checked: no guess was made, so the attempt gives its slot back.
      if (error instanceof PasswordChecksBusy) await this.throttle.release(username, ip);
      throw error;
    });
    if (!allowed) throw lock ? new LoginFailed('locked', undefined, lock) : new LoginFailed('throttled');
    if (!user || !matches) throw new LoginFailed('credentials', user?.id);
    if (user.disabled) throw new LoginFailed('disabled', user.id);
    await this.throttle.succeeded(username, ip);
    return withoutHash(user);
  }

  private async directoryChecks(user: UserEntity | null): Promise<boolean> {
    if (this.directories.length === 0) return false;
    if (!user) return true;
    for (const directory of this.directories) if (await directory.manages(user)) return true;
    return false;
  }

  /** Counted against the same lockout as a local attempt; every failure is the same generic one. */
  private async throughDirectories(username: string, password: string, ip: string, known: UserEntity | undefined): Promise<UserEntity> {
    // The decoy hash runs beside the directory, so a name unknown everywhere takes as long as a local one.
    const decoy = this.hasher.verify(password, undefined);
    let person: UserEntity | undefined;
    try {
      for (const directory of this.directories) {
        person = await directory.authenticate(username, password, known);
        if (person) break;
      }
    } catch (error) {
      await decoy.catch(() => false);
      if (!(error instanceof DirectoryUnavailable)) throw error;
      // Nothing was checked, so the attempt gives its slot back; the sign-in still fails closed.
      await this.throttle.release(username, ip);
      throw new LoginFailed('directory-unavailable', known?.id);
    }
    await decoy.catch(async (error: unknown) => {
      if (error instanceof PasswordChecksBusy) await this.throttle.release(username, ip);
      throw error;
    });
    if (!person) throw new LoginFailed('credentials', known?.id);
    if (person.disabled) throw new LoginFailed('disabled', person.id);
    await this.throttle.succeeded(username, ip);
    return person;
  }
}

function withoutHash(user: UserEntity): UserEntity {
  const { passwordHash: _hash, ...rest } = user;
  return Object.assign(new UserEntity(), rest);
}
