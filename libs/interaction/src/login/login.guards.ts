import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { AppConfig, OAuthError, readFormBody } from '@app/core';
import { HomeRealmDiscovery } from '@app/federation';
import { LoginFailed } from '@app/users';
import { CsrfService } from '../http/csrf.service';
import { FormRejected } from '../http/page-errors';
import { seeOther } from '../http/see-other';
import { LOGIN_CSRF_PURPOSE, LoginForm } from './login-form';

/** Runs before the password check, so forged submissions are not even counted as attempts. */
@Injectable()
export class LoginCsrfGuard implements CanActivate {
  constructor(
    private readonly csrf: CsrfService,
    private readonly form: LoginForm,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    let params: Readonly<Record<string, string>>;
    try {
      // Also rejects repeated fields before passport reads them.
      params = readFormBody(request);
    } catch (error) {
      if (error instanceof OAuthError) throw this.form.failed(new LoginFailed('malformed'));
      throw error;
    }
    if (!this.csrf.verify(request, LOGIN_CSRF_PURPOSE, params.csrf_token)) throw this.form.expired();
    return true;
  }
}

/**
 * Home-realm discovery, after the CSRF check and before the password check: a name `x@domain` whose domain
 * an enabled OpenID Provider owns goes to that provider (with the name as login_hint), and no password
 * typed here is looked at, counted or needed. The answer is the form's, so it travels as FormRejected.
 */
@Injectable()
export class HomeRealmGuard implements CanActivate {
  constructor(
    private readonly homeRealm: HomeRealmDiscovery,
    private readonly form: LoginForm,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const params = readFormBody(request);
    const username = params.username?.trim();
    const provider = await this.homeRealm.providerFor(username);
    if (!provider || !username) return true;
    const start = `${this.config.pathPrefix}/federation/${encodeURIComponent(provider.name)}/start?${new URLSearchParams({ return_to: this.form.returnTo(params.return_to), login_hint: username })}`;
    throw new FormRejected('home-realm', (_request, reply) => seeOther(reply, start));
  }
}

/** passport-local (the users lib's credential check), every failure shown as the one generic message. */
@Injectable()
export class LocalLoginGuard extends AuthGuard('local') {
  constructor(private readonly form: LoginForm) {
    super();
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error instanceof LoginFailed) throw this.form.failed(error);
    if (error) throw error;
    if (!user) throw this.form.failed(new LoginFailed('malformed'));
    return user;
  }
}
