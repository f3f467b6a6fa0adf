import { GroupEntity } from './groups/group.entity';
import { UserEntity } from './users/user.entity';
import { CreateUsers1764100002000 } from './migrations/1764100002000-create-users';
import { CreateGroups1764100017000 } from './migrations/1764100017000-create-groups';
import { GroupMemberSource1764100017050 } from './migrations/1764100017050-group-member-source';
import { LoginLockout1764100020200 } from './migrations/1764100020200-login-lockout';
import { SessionAuthenticationLevel1764100020000 } from './migrations/1764100020000-session-authentication-level';
import { CreateAuthenticationFactors1764100020010 } from './migrations/1764100020010-create-authentication-factors';
import { SessionBrowser1764100020300 } from './migrations/1764100020300-session-browser';
import { SessionApps1764100020400 } from './migrations/1764100020400-session-apps';
import { SessionLastSeen1764100023000 } from './migrations/1764100023000-session-last-seen';
import { CreatePasswordResetTokens1764400010000 } from './migrations/1764400010000-create-password-reset-tokens';
import { CreateEmailVerificationTokens1764400011000 } from './migrations/1764400011000-create-email-verification-tokens';

export * from './consents/consent.service';
export type { FactorType, FactorView } from './factors/factor.repository';
export * from './factors/factor.service';
export * from './factors/passkey.service';
export * from './factors/passkey-rejected';
export * from './factors/recovery-code.service';
export * from './factors/second-factor-throttle';
export * from './factors/totp.service';
export * from './groups/group.entity';
export type { GroupMemberRow, GroupPersonRow, PersonGroupRow } from './groups/group-rows';
export { isValidGroupCursor, MAX_LISTED_PEOPLE } from './groups/group.repository';
export * from './groups/group.service';
export { LoginThrottle } from './login/login-throttle.service';
export type { AccountLock, LoginOutcome, LoginReservation } from './login/login-throttle.service';
export { accountLockedMessage } from './login/account-locked-message';
export { LoginFailed, LoginService, LOGIN_FAILED_MESSAGE } from './login/login.service';
export { DirectoryUnavailable } from './login/password-directory';
export { PasswordResetThrottle, RESET_ADDRESS_LIMIT, RESET_IP_LIMIT } from './password-reset/password-reset-throttle';
export { PasswordResetTokens } from './password-reset/password-reset-tokens.repository';
export { EmailVerificationTokens, VERIFICATION_LINKS_PER_HOUR } from './email-verification/email-verification-tokens.repository';
export type { ResetTokenOwner } from './password-reset/password-reset-tokens.repository';
export { assertPassword } from './users/user-rules';
export type { PasswordDirectory } from './login/password-directory';
export type { ConsentedApp, ConsentRow } from './consents/consent.repository';
export * from './sessions/sso-session.service';
export * from './sessions/session-end';
export type { SessionApp } from './sessions/session-app.repository';
export type { SessionOrigin, SsoSessionRow } from './sessions/sso-session.repository';
export * from './users/user.entity';
export * from './users/roles';
export { isValidUserCursor } from './users/user.repository';
export type { PersonStanding } from './users/user.repository';
export * from './users/user.service';
export * from './users/user-bootstrap.service';
export * from './users.module';

export const USERS_ENTITIES = [UserEntity, GroupEntity];
export const USERS_MIGRATIONS = [
  CreateUsers1764100002000,
  CreateGroups1764100017000,
  GroupMemberSource1764100017050,
  SessionAuthenticationLevel1764100020000,
  CreateAuthenticationFactors1764100020010,
  LoginLockout1764100020200,
  SessionBrowser1764100020300,
  SessionApps1764100020400,
  SessionLastSeen1764100023000,
  CreatePasswordResetTokens1764400010000,
  CreateEmailVerificationTokens1764400011000,
];

/** Expired rows this lib's tables may drop (see HousekeepingService). */
export const USERS_PURGE_TASKS = [
  { table: 'sso_sessions', where: "expires_at < now() - interval '1 day' OR ended_at < now() - interval '1 day'" },
  { table: 'login_attempts', where: "window_start < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now())" },
  { table: 'webauthn_challenges', where: 'expires_at < now()' },
  { table: 'password_reset_tokens', where: "expires_at < now() - interval '1 day'" },
  { table: 'email_verification_tokens', where: "expires_at < now() - interval '1 day'" },
  { table: 'authentication_factors', where: "type = 'totp' AND confirmed_at IS NULL AND created_at < now() - interval '1 day'" },
];
