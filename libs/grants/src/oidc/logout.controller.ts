import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig, ErrorPage, FormParams, OAuthError, readFormBody, readQuery } from '@app/core';
import { CsrfService, pageHeaders, SsoSessionService } from '@app/users';
import { renderLogoutConfirmPage, renderSignedOutPage } from './logout-pages';
import { LogoutRequest, LogoutService, postLogoutLocation } from './logout.service';

const CSRF_PURPOSE = 'logout';

/** OIDC RP-Initiated Logout 1.0: the end_session_endpoint. Ends the browser's session and nothing else. */
@Controller('oauth2/logout')
export class LogoutController {
  constructor(
    private readonly logout: LogoutService,
    private readonly sessions: SsoSessionService,
    private readonly csrf: CsrfService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async get(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.start(pageParams(() => readQuery(request)), request, reply);
  }

  @Post()
  async post(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.start(pageParams(() => readFormBody(request)), request, reply);
  }

  @Post('confirm')
  async confirm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const params = pageParams(() => readFormBody(request));
    if (!this.csrf.verify(request, CSRF_PURPOSE, params.csrf_token)) {
      throw new ErrorPage('Form expired', 'The sign-out form expired or did not come from this browser.', 403);
    }
    const logout = await this.logout.validate({ ...params, id_token_hint: '' });
    await this.sessions.end(request, reply);
    await this.finish(logout, reply);
  }

  private async start(params: FormParams, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const logout = await this.logout.validate(params);
    const session = await this.sessions.currentSession(request);
    // The hint proves the RP speaks for this very session: no need to ask (RP-Initiated Logout 1.0 §2).
    const proven = session && logout.hint && logout.hint.sid === session.sessionId && logout.hint.sub === session.userId;
    if (!session || proven) {
      await this.sessions.end(request, reply);
      return this.finish(logout, reply);
    }
    const page = renderLogoutConfirmPage({
      pathPrefix: this.config.pathPrefix,
      csrfToken: this.csrf.issue(request, reply, CSRF_PURPOSE),
      clientId: logout.client?.clientId,
      postLogoutRedirectUri: logout.postLogoutRedirectUri,
      state: logout.state,
    });
    await reply.status(200).headers(pageHeaders(logout.postLogoutRedirectUri)).send(page);
  }

  private async finish(logout: LogoutRequest, reply: FastifyReply): Promise<void> {
    const location = postLogoutLocation(logout);
    if (location) {
      await reply.status(303).header('Cache-Control', 'no-store').header('Location', location).send();
      return;
    }
    await reply.status(200).headers(pageHeaders()).send(renderSignedOutPage());
  }
}

function pageParams(read: () => FormParams): FormParams {
  try {
    return read();
  } catch (error) {
    if (error instanceof OAuthError) throw new ErrorPage('Invalid sign-out request', error.description ?? 'The request is malformed');
    throw error;
  }
}
