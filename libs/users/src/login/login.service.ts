import { Injectable } from '@nestjs/common';
import { PasswordChecksBusy, PasswordHasher } from '../passwords/password-hasher.service';
import { UserEntity } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { LoginThrottle } from './login-throttle.service';

export const LOGIN_FAILED_MESSAGE = 'Invalid username or password';

/** Thrown for every failed sign-in; the login page shows the one generic message whatever the cause. */
export class LoginFailed extends Error {
  constructor(
    readonly reason: 'credentials' | 'disabled' | 'throttled' | 'malformed',
    /** The person the username named, when known: for the audit log only, never shown on the page. */
    readonly userId?: string,
  ) {
    super(LOGIN_FAILED_MESSAGE);
    this.name = 'LoginFailed';
  }
}

/**
 * Checks a username and password. Unknown names, wrong passwords, disabled people and throttled attempts
 * all fail the same way after the same work, so the page reveals nothing about which accounts exist.
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
  ) {}

  async authenticate(username: string, password: string, ip: string): Promise<UserEntity> {
    if (!username || username.length > 200 || !password) throw new LoginFailed('malformed');
    const allowed = await this.throttle.reserve(username, ip);
    const user = allowed ? await this.users.findForLogin(username) : null;
    const matches = await this.hasher.verify(password, user?.passwordHash).catch(async (error: unknown) => {
      // Refused for load, not checked: no guess was made, so the attempt gives its slot back.
      if (error instanceof PasswordChecksBusy) await this.throttle.release(username, ip);
      throw error;
    });
    if (!allowed) throw new LoginFailed('throttled');
    if (!user || !matches) throw new LoginFailed('credentials', user?.id);
    if (user.disabled) throw new LoginFailed('disabled', user.id);
    await this.throttle.succeeded(username, ip);
    const { passwordHash: _hash, ...withoutHash } = user;
    return Object.assign(new UserEntity(), withoutHash);
  }
}
