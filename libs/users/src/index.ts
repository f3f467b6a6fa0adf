import { UserEntity } from './users/user.entity';
import { CreateUsers1764100002000 } from './migrations/1764100002000-create-users';

export * from './consents/consent.service';
export type { ConsentRow } from './consents/consent.repository';
export { cookieName, readCookie, setCookie } from './http/cookies';
export type { CookieScope } from './http/cookies';
export * from './http/csrf.service';
export * from './http/page-headers';
export * from './login/return-target.registry';
export * from './login/return-to';
export * from './sessions/sso-session.service';
export type { SsoSessionRow } from './sessions/sso-session.repository';
export * from './users/user.entity';
export { isUuid, isValidUserCursor } from './users/user.repository';
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
