import { Injectable } from '@nestjs/common';
import { PasswordHasher } from '../passwords/password-hasher.service';
import { UserEntity } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { AccountLock, LoginOutcome, LoginThrottle } from './login-throttle.service';
import { DirectoryUnavailable, PasswordDirectory } from './password-directory';

/** The failures that count against the account and the IP: a password (or name) was really checked. */
const COUNTED = new Set<LoginFailed['reason']>(['credentials', 'disabled', 'not-provisioned']);

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
    const reservation = await this.throttle.reserve(username, ip);
    if (!reservation.allowed) {
      // The same work as a checked attempt (a decoy hash), so a refusal does not tell itself apart by time.
      await this.hasher.verify(password, undefined);
      throw reservation.lock ? new LoginFailed('locked', undefined, reservation.lock) : new LoginFailed('throttled');
    }
    let outcome: LoginOutcome = 'released';
    try {
      const person = await this.check(username, password);
      outcome = 'succeeded';
      return person;
    } catch (error) {
      // A wrong password, an unknown name or a disabled person counts; what was never checked (no hashing
      // capacity, a directory that is down, a fault) gives its slot back.
      if (error instanceof LoginFailed && COUNTED.has(error.reason)) outcome = 'failed';
      throw error;
    } finally {
      await this.throttle.settle(reservation, outcome);
    }
  }

  private async check(username: string, password: string): Promise<UserEntity> {
    const user = await this.users.findForLogin(username);
    if (await this.directoryChecks(user)) return this.throughDirectories(username, password, user ? withoutHash(user) : undefined);
    const matches = await this.hasher.verify(password, user?.passwordHash);
    if (!user || !matches) throw new LoginFailed('credentials', user?.id);
    if (user.disabled) throw new LoginFailed('disabled', user.id);
    return withoutHash(user);
  }

  private async directoryChecks(user: UserEntity | null): Promise<boolean> {
    if (this.directories.length === 0) return false;
    if (!user) return true;
    for (const directory of this.directories) if (await directory.manages(user)) return true;
    return false;
  }

  /** Counted against the same lockout as a local attempt; every failure is the same generic one. */
  private async throughDirectories(username: string, password: string, known: UserEntity | undefined): Promise<UserEntity> {
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
      // Nothing was checked: the sign-in fails closed, and the attempt does not count.
      throw new LoginFailed('directory-unavailable', known?.id);
    }
    await decoy;
    if (!person) throw new LoginFailed('credentials', known?.id);
    if (person.disabled) throw new LoginFailed('disabled', person.id);
    return person;
  }
}

function withoutHash(user: UserEntity): UserEntity {
  const { passwordHash: _hash, ...rest } = user;
  return Object.assign(new UserEntity(), rest);
}
