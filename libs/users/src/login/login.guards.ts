import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { OAuthError, readFormBody } from '@app/core';
import { CsrfService } from '../http/csrf.service';
import { LoginFailed } from './login.service';

export const LOGIN_CSRF_PURPOSE = 'login';

/** A login form that did not come from our page in this browser (missing or wrong CSRF token). */
export class LoginFormExpired extends Error {
  constructor() {
    super('The sign-in form expired; please try again');
    this.name = 'LoginFormExpired';
  }
}

/** Runs before the password check, so forged submissions are not even counted as attempts. */
@Injectable()
export class LoginCsrfGuard implements CanActivate {
  constructor(private readonly csrf: CsrfService) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    let params: Readonly<Record<string, string>>;
    try {
      // Also rejects repeated fields before passport reads them.
      params = readFormBody(request);
    } catch (error) {
      if (error instanceof OAuthError) throw new LoginFailed('malformed');
      throw error;
    }
    if (!this.csrf.verify(request, LOGIN_CSRF_PURPOSE, params.csrf_token)) throw new LoginFormExpired();
    return true;
  }
}

/** passport-local, with every failure turned into the one generic LoginFailed. */
@Injectable()
export class LocalLoginGuard extends AuthGuard('local') {
  override handleRequest<T>(error: unknown, user: T): T {
    if (error instanceof LoginFailed) throw error;
    if (error) throw error;
    if (!user) throw new LoginFailed('malformed');
    return user;
  }
}
