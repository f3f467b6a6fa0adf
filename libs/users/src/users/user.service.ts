import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Conflict, InvalidRequest, NotFound } from '@app/core';
import type { CreateUserInput, UpdateUserInput, UserView } from '@app/contracts';
import { GroupService } from '../groups/group.service';
import { LoginOutcome, LoginThrottle } from '../login/login-throttle.service';
import { PasswordHasher } from '../passwords/password-hasher.service';
import type { EndedSession } from '../sessions/session-end';
import { SsoSessionService } from '../sessions/sso-session.service';
import { UserEntity } from './user.entity';
import { PersonStanding, UserPage, UserRepository } from './user.repository';
import { assertPassword, assertUsername, normalizeRoles } from './user-rules';
import { isUniqueViolation } from './unique-violation';
import { assertAnotherAdministrator, endsAdministrator } from './last-admin';

/** A person after a change, and the sessions the change ended. */
/** A password that passed the policy and was hashed; only its hash is kept. */
export interface PreparedPassword {
  readonly hash: string;
}

export interface UserUpdate {
  user: UserEntity;
  endedSessions: EndedSession[];
}

/** Creating, changing and removing people. */
@Injectable()
export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SsoSessionService,
    private readonly groups: GroupService,
    private readonly dataSource: DataSource,
    private readonly throttle: LoginThrottle,
  ) {}

  /** `manager`: create the person inside the caller's transaction (which then owns the commit). */
  async create(input: CreateUserInput, manager?: EntityManager): Promise<UserEntity> {
    assertUsername(input.username);
    assertPassword(input.password);
    const roles = normalizeRoles(input.roles);
    const groups = await this.groups.resolveNames(input.groups ?? [], 'groups', manager);
    if (await this.users.usernameTaken(input.username, undefined, manager)) throw new Conflict(`The username ${input.username} is taken`);
    const passwordHash = await this.hasher.hash(input.password);
    try {
      // The person and their memberships are one row set: a failure leaves neither behind.
      const write = async (manager: EntityManager) => {
        const user = await this.users.insert({
          username: input.username,
          passwordHash,
          email: input.email ?? null,
          emailVerified: input.email_verified ?? false,
          name: input.name ?? null,
          givenName: input.given_name ?? null,
          familyName: input.family_name ?? null,
          roles,
        }, manager);
        await this.groups.addPersonToGroups(user.id, groups, manager);
        return user;
      };
      return await (manager ? write(manager) : this.dataSource.transaction(write));
    } catch (error) {
      // Two creations of one username at once: the unique index decides.
      if (isUniqueViolation(error)) throw new Conflict(`The username ${input.username} is taken`);
      throw error;
    }
  }

  /** The person, or undefined: used by sign-in flows, which treat a missing person like a disabled one. */
  async findById(id: string, manager?: EntityManager): Promise<UserEntity | undefined> {
    return (await this.users.findById(id, manager)) ?? undefined;
  }

  /** Undefined when the person is gone; see UserRepository.standing. */
  standing(id: string, sessionId: string | null, manager: EntityManager): Promise<PersonStanding | undefined> {
    return this.users.standing(id, sessionId, manager);
  }

  /** The person of this username, whatever its case. */
  /** The people holding at least one of these roles (administrators, for the configuration export). */
  withAnyRole(roles: readonly string[]): Promise<UserEntity[]> {
    return this.users.withAnyRole(roles);
  }

  findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return this.users.findByIds(ids);
  }

  async findByUsername(username: string): Promise<UserEntity | undefined> {
    return (await this.users.findByUsername(username)) ?? undefined;
  }

  /** The one enabled person whose verified address this is; undefined when none, or when two share it. */
  async onlyWithVerifiedEmail(email: string): Promise<UserEntity | undefined> {
    const people = await this.users.withVerifiedEmail(email);
    return people.length === 1 ? people[0] : undefined;
  }

  async get(id: string): Promise<UserEntity> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFound(`No user with id ${id}`);
    return user;
  }

  list(options: { limit: number; cursor?: string; search?: string }): Promise<UserPage> {
    return this.users.list(options);
  }

  /**
   * Changes the person; disabling also ends every session of theirs in the same commit, so a disabled
   * person never keeps a live session, nor a failed disabling an ended one. `manager`: inside the
   * caller's transaction (which then owns the commit, and may end tokens in it too).
   */
  async update(id: string, input: UpdateUserInput, manager?: EntityManager): Promise<UserUpdate> {
    const run = (inside: EntityManager) => this.updateIn(inside, id, input);
    try {
      return await (manager ? run(manager) : this.dataSource.transaction(run));
    } catch (error) {
      if (isUniqueViolation(error)) throw new Conflict(`The username ${String(input.username)} is taken`);
      throw error;
    }
  }

  private async updateIn(manager: EntityManager, id: string, input: UpdateUserInput): Promise<UserUpdate> {
    const user = await this.users.findById(id, manager);
    if (!user) throw new NotFound(`No user with id ${id}`);
    const changes: Partial<UserEntity> = {};
    if (input.username !== undefined && input.username !== user.username) {
      assertUsername(input.username);
      if (await this.users.usernameTaken(input.username, id, manager)) throw new Conflict(`The username ${input.username} is taken`);
      changes.username = input.username;
    }
    if (input.email !== undefined) changes.email = input.email;
    // A new address is not the one that was verified: unless the change says otherwise, it starts
    // unverified (password reset mail goes to verified addresses only).
    if (input.email_verified !== undefined) changes.emailVerified = input.email_verified;
    else if (input.email !== undefined && (input.email ?? '').toLowerCase() !== (user.email ?? '').toLowerCase()) changes.emailVerified = false;
    if (input.name !== undefined) changes.name = input.name;
    if (input.given_name !== undefined) changes.givenName = input.given_name;
    if (input.family_name !== undefined) changes.familyName = input.family_name;
    if (input.roles !== undefined) changes.roles = normalizeRoles(input.roles);
    if (input.disabled !== undefined) changes.disabled = input.disabled;
    if (Object.keys(changes).length > 0) {
      if (endsAdministrator(user, changes)) await assertAnotherAdministrator(manager, id);
      await this.users.update(id, changes, manager);
    }
    // Disabling again ends what is left: a repeat of a disabling that only half happened completes it.
    const endedSessions = input.disabled === true ? await this.sessions.endAllOf(id, 'disabled', manager) : [];
    return { user: (await this.users.findById(id, manager))!, endedSessions };
  }

  /**
   * A new password checked against the policy and hashed, for a caller that must know the hashing went
   * through (no 503) before it does what cannot be undone, such as using up a reset link.
   */
  async preparePassword(password: string): Promise<PreparedPassword> {
    assertPassword(password);
    return { hash: await this.hasher.hash(password) };
  }

  /** Sets a new password (or one prepared before) and signs the person out of every browser. */
  async setPassword(id: string, password: string | PreparedPassword): Promise<void> {
    if (typeof password === 'string') assertPassword(password);
    await this.get(id);
    const passwordHash = typeof password === 'string' ? await this.hasher.hash(password) : password.hash;
    await this.users.update(id, { passwordHash });
    await this.sessions.endAllOf(id, 'password-changed');
  }

  /**
   * The person changes their own password: the current one must match, checked like a sign-in and counted
   * against the same lockout (a stolen session cookie must not become a way to guess the password). The
   * caller decides which sessions and tokens end.
   */
  async changePassword(id: string, current: string, next: string, ip: string): Promise<void> {
    // The new password's rules first: refusing it costs no hash and no attempt.
    assertPassword(next);
    const user = await this.users.findWithPasswordHash(id);
    if (!user) throw new NotFound(`No user with id ${id}`);
    const reservation = await this.throttle.reserve(user.username, ip);
    if (!reservation.allowed) throw InvalidRequest.forField('current_password', 'too many attempts; try again later');
    let matches = false;
    let outcome: LoginOutcome = 'released';
    try {
      matches = Boolean(current) && (await this.hasher.verify(current, user.passwordHash));
      outcome = matches ? 'succeeded' : 'failed';
    } finally {
      // Checked: counted like a sign-in; unchecked (no hashing capacity): given back.
      await this.throttle.settle(reservation, outcome);
    }
    if (!matches) throw InvalidRequest.forField('current_password', 'is not your current password');
    await this.users.update(id, { passwordHash: await this.hasher.hash(next) });
  }

  /**
   * True when `password` is the person's password now. Provisioning clients resend the password with every
   * replace: the same one again is no change, and must not end the person's sessions and tokens.
   */
  async isCurrentPassword(id: string, password: string): Promise<boolean> {
    const user = await this.users.findWithPasswordHash(id);
    return user !== null && (await this.hasher.verify(password, user.passwordHash));
  }

  /** `manager`: inside the caller's transaction (which may end the person's tokens in the same commit). */
  async delete(id: string, manager?: EntityManager): Promise<void> {
    const run = async (manager: EntityManager) => {
      const user = await this.users.findById(id, manager);
      if (user && endsAdministrator(user, 'delete')) await assertAnotherAdministrator(manager, id);
      // Ended first, in the same commit: the apps are told of each session before its row goes with the person.
      await this.sessions.endAllOf(id, 'deleted', manager);
      return this.users.delete(id, manager);
    };
    const deleted = await (manager ? run(manager) : this.dataSource.transaction(run));
    if (!deleted) throw new NotFound(`No user with id ${id}`);
  }
}

/** The admin API's view of a person. */
export function toUserView(user: UserEntity, lockedUntil: Date | null = null): UserView {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    email_verified: user.emailVerified,
    name: user.name,
    given_name: user.givenName,
    family_name: user.familyName,
    roles: user.roles,
    disabled: user.disabled,
    locked_until: lockedUntil?.toISOString() ?? null,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
}
