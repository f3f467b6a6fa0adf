import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { OAuthError, readFormBody } from '@app/core';
import { LoginFailed } from '@app/users';
import { CsrfService } from '../http/csrf.service';
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
