import { Module } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { AuditModule } from '@app/audit';
import { BrandingModule } from '@app/branding';
import { OidcFederationModule } from '@app/federation';
import { ClientsModule } from '@app/clients';
import { GrantsModule } from '@app/grants';
import { TokensModule } from '@app/tokens';
import { UsersModule } from '@app/users';
import { AccountAccess } from './account/account-access';
import { AccountApps } from './account/account-apps.service';
import { AccountController } from './account/account.controller';
import { AccountFactors } from './account/account-factors.service';
import { AccountSessions } from './account/account-sessions.service';
import { AppsController } from './account/apps.controller';
import { FactorsController } from './account/factors.controller';
import { PasswordController } from './account/password.controller';
import { RecoveryCodesController } from './account/recovery-codes.controller';
import { SessionsController } from './account/sessions.controller';
import { AssetsController } from './assets/assets.controller';
import { AuthorizationFlow } from './authorize/authorization-flow.service';
import { AuthorizationRequestRepository } from './authorize/authorization-request.repository';
import { AuthorizeController } from './authorize/authorize.controller';
import { BrowserBinding } from './authorize/browser-binding';
import { StepUpPolicy } from './authorize/step-up';
import { ClientRedirectValidator } from './authorize/client-redirect.validator';
import { ImplicitSignIn } from './authorize/implicit-sign-in';
import { ResumedRequests } from './authorize/resumed-requests';
import { ConsentController } from './consent/consent.controller';
import { DeviceVerificationController } from './device/device-verification.controller';
import { DeviceVerificationService } from './device/device-verification.service';
import { DeviceVerificationThrottle } from './device/device-verification-throttle.service';
import { EmailVerificationController } from './email-verification/email-verification.controller';
import { CsrfService } from './http/csrf.service';
import { PageErrorFilter } from './http/page-error.filter';
import { FactorEnrollmentController } from './enrollment/factor-enrollment.controller';
import { FederationController } from './federation/federation.controller';
import { FederationFlow } from './federation/federation-flow.service';
import { HomeRealmGuard, LocalLoginGuard, LoginCsrfGuard } from './login/login.guards';
import { LoginController } from './login/login.controller';
import { LoginForm } from './login/login-form';
import { PasskeyLoginController } from './login/passkey/passkey-login.controller';
import { SecondFactorController } from './login/second-factor/second-factor.controller';
import { LogoutController } from './logout/logout.controller';
import { LogoutService } from './logout/logout.service';
import { Mailer } from './mail/mailer.service';
import { ParController } from './par/par.controller';
import { PushedRequestRepository } from './par/pushed-request.repository';
import { PushedRequestService } from './par/pushed-request.service';
import { PasswordResetController } from './password-reset/password-reset.controller';
import { PasswordResetFlow } from './password-reset/password-reset-flow.service';

/** Every page a person sees: authorization, sign-in, consent, device verification, sign-out. */
@Module({
  imports: [BrandingModule, AccessModule, AuditModule, ClientsModule, UsersModule, TokensModule, GrantsModule, OidcFederationModule],
  controllers: [AssetsController, AuthorizeController, LoginController, PasskeyLoginController, SecondFactorController, FactorEnrollmentController, ConsentController, DeviceVerificationController, LogoutController, FederationController,
    AccountController, PasswordController, FactorsController, RecoveryCodesController, SessionsController, AppsController, ParController, PasswordResetController, EmailVerificationController],
  providers: [
    PageErrorFilter,
    CsrfService,
    AuthorizationFlow,
    ResumedRequests,
    AuthorizationRequestRepository,
    PushedRequestRepository,
    PushedRequestService,
    BrowserBinding,
    StepUpPolicy,
    ClientRedirectValidator,
    ImplicitSignIn,
    LoginForm,
    LoginCsrfGuard,
    LocalLoginGuard,
    HomeRealmGuard,
    FederationFlow,
    DeviceVerificationService,
    DeviceVerificationThrottle,
    LogoutService,
    AccountAccess,
    AccountSessions,
    AccountApps,
    AccountFactors,
    Mailer,
    PasswordResetFlow,
  ],
  exports: [PageErrorFilter],
})
export class InteractionModule {}
