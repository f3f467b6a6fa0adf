import { UserEntity } from './users/user.entity';
import { CreateUsers1764100002000 } from './migrations/1764100002000-create-users';

export * from './consents/consent.service';
export { LoginFailed, LOGIN_FAILED_MESSAGE } from './login/login.service';
export type { ConsentRow } from './consents/consent.repository';
export * from './sessions/sso-session.service';
export type { SsoSessionRow } from './sessions/sso-session.repository';
export * from './users/user.entity';
export * from './users/roles';
export { isValidUserCursor } from './users/user.repository';
export * from './users/user.service';
export * from './users/user-bootstrap.service';
export * from './users.module';

export const USERS_ENTITIES = [UserEntity];
export const USERS_MIGRATIONS = [CreateUsers1764100002000];

/** Expired rows this lib's tables may drop (see HousekeepingService). */
export const USERS_PURGE_TASKS = [
  { table: 'sso_sessions', where: "expires_at < now() - interval '1 day' OR ended_at < now() - interval '1 day'" },
  { table: 'login_attempts', where: "window_start < now() - interval '1 day'" },
];
