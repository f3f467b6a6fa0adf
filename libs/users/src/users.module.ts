import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AuditModule } from '@app/audit';
import { ConsentRepository } from './consents/consent.repository';
import { ConsentService } from './consents/consent.service';
import { CsrfService } from './http/csrf.service';
import { LocalLoginGuard, LoginCsrfGuard } from './login/login.guards';
import { LoginController } from './login/login.controller';
import { LoginPageFilter } from './login/login-page.filter';
import { LoginService } from './login/login.service';
import { LoginThrottle } from './login/login-throttle.service';
import { LocalStrategy } from './login/local.strategy';
import { ReturnTargetRegistry } from './login/return-target.registry';
import { PasswordHasher } from './passwords/password-hasher.service';
import { SsoSessionRepository } from './sessions/sso-session.repository';
import { SsoSessionService } from './sessions/sso-session.service';
import { UserBootstrapService } from './users/user-bootstrap.service';
import { UserRepository } from './users/user.repository';
import { UserService } from './users/user.service';

@Module({
  imports: [PassportModule.register({ session: false }), AuditModule],
  controllers: [LoginController],
  providers: [
    UserRepository,
    UserService,
    UserBootstrapService,
    PasswordHasher,
    LoginService,
    LoginThrottle,
    LocalStrategy,
    LocalLoginGuard,
    LoginCsrfGuard,
    LoginPageFilter,
    ReturnTargetRegistry,
    CsrfService,
    SsoSessionRepository,
    SsoSessionService,
    ConsentRepository,
    ConsentService,
  ],
  exports: [UserService, SsoSessionService, ConsentService, CsrfService, ReturnTargetRegistry],
})
export class UsersModule {}
