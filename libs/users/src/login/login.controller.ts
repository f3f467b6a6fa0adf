import { Controller, Get, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditLog } from '@app/audit';
import { AppConfig, ErrorPage, OAuthError, readFormBody, readQuery } from '@app/core';
import { CsrfService } from '../http/csrf.service';
import { pageHeaders } from '../http/page-headers';
import { SsoSessionService } from '../sessions/sso-session.service';
import { UserEntity } from '../users/user.entity';
import { LocalLoginGuard, LoginCsrfGuard, LOGIN_CSRF_PURPOSE } from './login.guards';
import { renderLoginPage } from './login-page';
import { LoginPageFilter } from './login-page.filter';
import { safeReturnTo } from './return-to';
import { ReturnTargetRegistry } from './return-target.registry';

/** The sign-in page: `GET /login?return_to=/path` shows the form, `POST /login` signs in and goes back. */
@Controller('login')
export class LoginController {
  constructor(
    private readonly csrf: CsrfService,
    private readonly sessions: SsoSessionService,
    private readonly targets: ReturnTargetRegistry,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async form(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    let query: Readonly<Record<string, string>>;
    try {
      query = readQuery(request);
    } catch (error) {
      if (error instanceof OAuthError) throw new ErrorPage('Invalid sign-in link', error.description ?? 'The link is malformed');
      throw error;
    }
    const returnTo = safeReturnTo(query.return_to, this.config.pathPrefix);
    const page = renderLoginPage({
      pathPrefix: this.config.pathPrefix,
      csrfToken: this.csrf.issue(request, reply, LOGIN_CSRF_PURPOSE),
      returnTo,
      username: query.login_hint?.slice(0, 200),
    });
    await reply.status(200).headers(pageHeaders(await this.targets.resolve(returnTo))).send(page);
  }

  @Post()
  @UseGuards(LoginCsrfGuard, LocalLoginGuard)
  @UseFilters(LoginPageFilter)
  async submit(@Req() request: FastifyRequest & { user: UserEntity }, @Res() reply: FastifyReply): Promise<void> {
    // A new session id at every sign-in, so a planted cookie never becomes an authenticated one.
    await this.sessions.start(request, reply, request.user.id);
    await this.audit.record({
      action: 'signin.succeeded',
      actor: { type: 'person', id: request.user.id },
      target: { type: 'user', id: request.user.id },
      origin: { ip: request.ip, userAgent: request.headers['user-agent'] },
      details: { username: request.user.username },
    });
    const returnTo = safeReturnTo(readFormBody(request).return_to, this.config.pathPrefix);
    await reply.status(303).header('Cache-Control', 'no-store').header('Location', returnTo).send();
  }
}
