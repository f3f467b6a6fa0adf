import type { UserEntity } from '../users/user.entity';

/**
 * A directory that checks the password typed on our own login page (an LDAP server, Active Directory).
 * The users lib knows only this shape; whoever provides a directory registers it with
 * `LoginService.addDirectory`, so users never depends on the libs that talk to directories.
 */
export interface PasswordDirectory {
  /** True when this person's password lives in the directory, not here (someone the directory signed in). */
  manages(user: UserEntity): Promise<boolean>;
  /**
   * The local person for this username and password, signed in through the directory (created or refreshed
   * as the directory says); undefined when no directory knows the name or the password is wrong. `known` is
   * the local person the username names, if any. Throws `DirectoryUnavailable` when it cannot tell, and
   * `LoginFailed` for a refusal with its own reason (a person disabled here).
   */
  authenticate(username: string, password: string, known: UserEntity | undefined): Promise<UserEntity | undefined>;
}

/** No directory could answer (down, timing out, misconfigured): the sign-in fails closed. */
export class DirectoryUnavailable extends Error {
  constructor(
    readonly directory: string,
    readonly detail: string,
  ) {
    super(`directory ${directory} unavailable: ${detail}`);
    this.name = 'DirectoryUnavailable';
  }
}
