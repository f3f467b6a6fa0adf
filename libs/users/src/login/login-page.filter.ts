import { ArgumentsHost, Catch, ExceptionFilter, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditLog } from '@app/audit';
import { AppConfig } from '@app/core';
import { CsrfService } from '../http/csrf.service';
import { pageHeaders } from '../http/page-headers';
import { LoginFormExpired, LOGIN_CSRF_PURPOSE } from './login.guards';
import { renderLoginPage } from './login-page';
import { LoginFailed, LOGIN_FAILED_MESSAGE } from './login.service';
import { safeReturnTo } from './return-to';
import { ReturnTargetRegistry } from './return-target.registry';

/** A failed sign-in shows the form again with one generic message (no hint which part was wrong). */
@Catch(LoginFailed, LoginFormExpired)
@Injectable()
export class LoginPageFilter implements ExceptionFilter {
  constructor(
    private readonly csrf: CsrfService,
    private readonly targets: ReturnTargetRegistry,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
  ) {}

  async catch(exception: LoginFailed | LoginFormExpired, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    const returnTo = safeReturnTo(text(body.return_to), this.config.pathPrefix);
    const expired = exception instanceof LoginFormExpired;
    if (exception instanceof LoginFailed) {
      // The name typed is recorded (cut short), never the password.
      await this.audit.record({
        action: 'signin.failed',
        actor: exception.userId ? { type: 'person', id: exception.userId } : { type: 'anonymous' },
        target: { type: 'user', id: exception.userId ?? null },
        origin: { ip: request.ip, userAgent: request.headers['user-agent'] },
        details: { username: text(body.username)?.slice(0, 200) ?? null, reason: exception.reason },
      });
    }
    const page = renderLoginPage({
      pathPrefix: this.config.pathPrefix,
      csrfToken: this.csrf.issue(request, reply, LOGIN_CSRF_PURPOSE),
      returnTo,
      username: text(body.username)?.slice(0, 200),
      error: expired ? exception.message : LOGIN_FAILED_MESSAGE,
    });
    await reply.status(expired ? 403 : 401).headers(pageHeaders(await this.targets.resolve(returnTo))).send(page);
  }
}
