import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AuditModule } from '@app/audit';
import { ConsentRepository } from './consents/consent.repository';
import { ConsentService } from './consents/consent.service';
import { FactorRepository } from './factors/factor.repository';
import { FactorService } from './factors/factor.service';
import { PasskeyService } from './factors/passkey.service';
import { RecoveryCodeService } from './factors/recovery-code.service';
import { SecondFactorThrottle } from './factors/second-factor-throttle';
import { TotpService } from './factors/totp.service';
import { WebAuthnChallengeRepository } from './factors/webauthn-challenge.repository';
import { GroupRepository } from './groups/group.repository';
import { GroupService } from './groups/group.service';
import { LoginService } from './login/login.service';
import { LoginThrottle } from './login/login-throttle.service';
import { LocalStrategy } from './login/local.strategy';
import { PasswordHasher } from './passwords/password-hasher.service';
import { PasswordResetThrottle } from './password-reset/password-reset-throttle';
import { PasswordResetTokens } from './password-reset/password-reset-tokens.repository';
import { EmailVerificationTokens } from './email-verification/email-verification-tokens.repository';
import { ExpiredSessionSweep } from './sessions/expired-session.sweep';
import { SessionAppRepository } from './sessions/session-app.repository';
import { SessionEndListeners } from './sessions/session-end';
import { SsoSessionRepository } from './sessions/sso-session.repository';
import { SsoSessionService } from './sessions/sso-session.service';
import { UserBootstrapService } from './users/user-bootstrap.service';
import { UserRepository } from './users/user.repository';
import { UserService } from './users/user.service';

@Module({
  imports: [PassportModule.register({ session: false }), AuditModule],
  providers: [
    UserRepository,
    UserService,
    UserBootstrapService,
    PasswordHasher,
    LoginService,
    LoginThrottle,
    LocalStrategy,
    SsoSessionRepository,
    SessionAppRepository,
    SessionEndListeners,
    SsoSessionService,
    ExpiredSessionSweep,
    ConsentRepository,
    ConsentService,
    GroupRepository,
    GroupService,
    FactorRepository,
    FactorService,
    PasskeyService,
    RecoveryCodeService,
    SecondFactorThrottle,
    TotpService,
    WebAuthnChallengeRepository,
    PasswordResetTokens,
    EmailVerificationTokens,
    PasswordResetThrottle,
  ],
  exports: [FactorService, PasskeyService, RecoveryCodeService, SecondFactorThrottle, TotpService, UserService, SsoSessionService, SessionEndListeners, ConsentService, GroupService, LoginThrottle, LoginService, PasswordResetTokens, PasswordResetThrottle, EmailVerificationTokens, PassportModule],
})
export class UsersModule {}
